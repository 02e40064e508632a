use super::*;
use std::format;
use std::string::String;
use std::vec::Vec;

/// RFC 8410 §10.1's Ed25519 public key.
const ED: &str = "-----BEGIN PUBLIC KEY-----\n\
                  MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
                  -----END PUBLIC KEY-----\n";
const BODY: &str = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";

fn run(pem: &str) -> Result<KeyMaterial<'static>, Error> {
    run_bytes(pem.as_bytes())
}

/// `parse`, checked against the in-place decoder of the list readers on the same text: every
/// test of this module compares both.
fn run_bytes(pem: &[u8]) -> Result<KeyMaterial<'static>, Error> {
    let scratch = std::boxed::Box::leak(std::vec![0u8; PEM_SCRATCH_LEN].into_boxed_slice());
    let split = parse(pem, scratch);
    assert_eq!(
        in_place(pem),
        split,
        "in place vs split: {:?}",
        String::from_utf8_lossy(pem)
    );
    split
}

fn in_place(pem: &[u8]) -> Result<KeyMaterial<'static>, Error> {
    let buf = std::boxed::Box::leak(std::vec![0u8; pem.len().max(MAX_PEM_LEN)].into_boxed_slice());
    buf[..pem.len()].copy_from_slice(pem);
    let (kind, der) = decode_in_place(buf, pem.len())?;
    material(kind, der)
}

fn with_body(body: &str) -> String {
    format!("-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n")
}

#[test]
fn lax_spellings_give_the_same_key() {
    let want = run(ED).unwrap();
    assert!(matches!(want, KeyMaterial::Ed25519(_)));
    let (a, b) = BODY.split_at(20);
    let (b, c) = b.split_at(30);
    for text in [
        format!("\n\n  {ED}\n\n"),
        ED.replace('\n', "\r\n"),
        String::from(ED.trim_end()),
        format!("\u{feff}{ED}"),
        format!("\u{feff}{}", ED.replace('\n', "\r\n")),
        // Explanatory text before and after (RFC 7468 §5.2), with dashes inside a line.
        format!("Subject: CN=test\nsee -----BEGIN below\n{ED}Public-Key: (256 bit)\n  00:ff\n"),
        // Trailing spaces and tabs on every line, boundaries included.
        ED.replace('\n', " \t \n"),
        // Leading whitespace before the boundaries.
        ED.replace("-----", "\t-----")
            .replace("\t-----\n", "-----\n"),
        // Irregular widths, a blank line, whitespace inside a line.
        with_body(&format!("{a}\n{b}\n{c}")),
        with_body(&format!("{a}\n\n{b}\r\n \r\n{c}")),
        with_body(&format!("{a} {b}\t{c}")),
        with_body(&BODY.chars().map(|c| format!("{c}\n")).collect::<String>()),
    ] {
        assert_eq!(run(&text), Ok(want), "{text:?}");
    }
}

#[test]
fn armour_and_label_errors() {
    let fmt = Error::Malformed(Malformed::KeyFormat);
    // Two blocks for one key, a stray boundary, text on a boundary line.
    assert_eq!(run(&format!("{ED}{ED}")), Err(fmt));
    assert_eq!(run(&format!("{ED}text\n{ED}")), Err(fmt));
    assert_eq!(run(&format!("{ED}-----END PUBLIC KEY-----\n")), Err(fmt));
    assert_eq!(run(&format!("-----\n{ED}")), Err(fmt));
    assert_eq!(
        run(&ED.replace("KEY-----\nMCow", "KEY----- x\nMCow")),
        Err(fmt)
    );
    assert_eq!(
        run(&ED.replace("END PUBLIC KEY-----", "END PUBLIC KEY----- x")),
        Err(fmt)
    );
    assert_eq!(
        run(&ED.replace("END PUBLIC KEY-----", "END PUBLIC KEY------")),
        Err(fmt)
    );
    // Mismatched, unknown, lower-case labels; broken boundaries.
    assert_eq!(run(&ED.replace("END PUBLIC", "END RSA PUBLIC")), Err(fmt));
    assert_eq!(run(&ED.replace("PUBLIC KEY", "OPENSSH KEY")), Err(fmt));
    assert_eq!(run(&ED.replace("PUBLIC KEY", "public key")), Err(fmt));
    assert_eq!(run(&ED.replace("-----BEGIN", "----BEGIN")), Err(fmt));
    assert_eq!(run(&ED.replace("-----END", "----END")), Err(fmt));
    assert_eq!(run(&ED.replace("KEY-----\n", "KEY----\n")), Err(fmt));
    assert_eq!(run(&ED.replace("-----END PUBLIC KEY-----\n", "")), Err(fmt));
    let nested = ED.replace("MCow", "-----BEGIN PUBLIC KEY-----\nMCow");
    assert_eq!(run(&nested), Err(fmt));
    // No block at all: an empty input, bare base64, prose.
    assert_eq!(run(""), Err(fmt));
    assert_eq!(run(BODY), Err(fmt));
    assert_eq!(run("this is not a key\n"), Err(fmt));
    // A BOM anywhere but at the start is text, and then the END line is stray.
    assert_eq!(run(&format!("\n\u{feff}{ED}")), Err(fmt));
    // RFC 1421 headers.
    let hdr = ED.replace("KEY-----\nMCow", "KEY-----\nProc-Type: 4,ENCRYPTED\n\nMCow");
    assert_eq!(run(&hdr), Err(fmt));
}

#[test]
fn private_labels_are_refused_before_decoding() {
    for label in [
        "PRIVATE KEY",
        "RSA PRIVATE KEY",
        "EC PRIVATE KEY",
        "ENCRYPTED PRIVATE KEY",
        "OPENSSH PRIVATE KEY",
    ] {
        let pem = format!("note\n-----BEGIN {label}-----\n!!!!\n-----END {label}-----\n");
        assert_eq!(
            run(&pem),
            Err(Error::InvalidKey(KeyProblem::PrivateMaterial)),
            "{label}"
        );
    }
}

#[test]
fn body_errors() {
    let bad = Error::BadBase64(Part::Key);
    assert_eq!(run(&ED.replace("MCow", "MC!w")), Err(bad));
    for quad in ["A===", "====", "=AAA", "AA=A", "A=AA"] {
        assert_eq!(
            run(&with_body(&format!("{BODY}{quad}").replace("ZuE=", "ZuEA"))),
            Err(bad),
            "{quad}"
        );
    }
    assert_eq!(run(&ED.replace("ZuE=", "ZuE")), Err(bad)); // padding missing
    assert_eq!(run(&ED.replace("MCow", "MC_w")), Err(bad)); // base64url alphabet
    assert_eq!(run(&ED.replace("MCow", "MCo=")), Err(bad)); // padding in the middle
    assert_eq!(run(&ED.replace("ZuE=", "ZuE=AAAA")), Err(bad)); // data after padding
    assert_eq!(run(&ED.replace("ZuE=", "ZuF=")), Err(bad)); // non-canonical bits
    assert_eq!(run(&ED.replace("MCow", "MCow\u{e9}")), Err(bad)); // non-ASCII
    assert_eq!(
        run(&with_body(" \n\t")),
        Err(Error::InvalidKey(KeyProblem::Empty))
    );
    // A valid body that is not a key of the label's kind: strict DER inside.
    assert_eq!(
        run(&ED.replace("PUBLIC KEY", "RSA PUBLIC KEY")),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    assert_eq!(
        run(&ED.replace("PUBLIC KEY", "CERTIFICATE")),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    assert_eq!(
        run(&with_body(&BODY.replace("ZuE=", "ZuEAAAAA"))),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    // Too small a scratch buffer, too long an input.
    let mut small = [0u8; 16];
    assert_eq!(
        parse(ED.as_bytes(), &mut small),
        Err(Error::TooLarge(Limit::KeyMaterial))
    );
    let long = format!("{ED}{}", " ".repeat(MAX_PEM_LEN));
    assert_eq!(run(&long), Err(Error::TooLarge(Limit::KeyMaterial)));
}

#[test]
fn pem_or_der() {
    assert!(is_pem(ED.as_bytes()));
    assert!(is_pem(
        format!("\u{feff}Certificate:\n  Data:\n {ED}").as_bytes()
    ));
    assert!(!is_pem(b""));
    assert!(!is_pem(b"0\x2a0\x05\x06\x03+ep\x03!\x00"));
    assert!(!is_pem(BODY.as_bytes()));
    // Prose starting with '0' (0x30, DER's first byte) but holding a block is PEM.
    assert!(is_pem(format!("0 comments\n{ED}").as_bytes()));
}

#[test]
fn bundles_split_into_blocks() {
    let two = format!("first key\n{ED}\nsecond key, rotated\n{ED}trailing note\n");
    let got: Vec<_> = blocks(two.as_bytes()).collect();
    assert_eq!(got.len(), 2);
    for b in got {
        let b = b.unwrap();
        assert!(b.starts_with(b"-----BEGIN") && b.ends_with(b"KEY-----"));
        assert!(run_bytes(b).is_ok());
    }
    assert_eq!(blocks(b"  \n").count(), 0);
    assert_eq!(blocks(b"just text\n").count(), 0);
    // A stray END line (junk glued to a BEGIN line makes that line text).
    let junk: Vec<_> = blocks(format!("{ED}junk{ED}").as_bytes())
        .map(|b| b.is_ok())
        .collect();
    assert_eq!(junk, [true, false]);
    let open: Vec<_> = blocks(b"-----BEGIN PUBLIC KEY-----\nAAAA\n").collect();
    assert_eq!(open, [Err(Error::Malformed(Malformed::KeyFormat))]);
}

#[test]
#[cfg_attr(miri, ignore)] // four RSA PEM texts through serde_json and both decoders: slow under miri
fn list_reader_decodes_in_place_like_parse() {
    // Each lax spelling of the RSA test key, and every error case above, through the JSON list.
    let lax: [&[u8]; 4] = [
        include_bytes!("../../tests/vectors/pem_lax/rsa2048_everything.pem"),
        include_bytes!("../../tests/vectors/pem_lax/rsa2048_bom.pem"),
        include_bytes!("../../tests/vectors/pem_lax/openssl_x509_text.pem"),
        include_bytes!("../../tests/vectors/pem_lax/rsa2048_w76.pem"),
    ];
    for pem in lax {
        let want = run_bytes(pem).unwrap();
        let text = std::str::from_utf8(pem).unwrap();
        // `\/` as PHP's json_encode writes it, and `\n`: the list's usual escapes.
        let json = format!("[{}]", serde_json::to_string(text).unwrap()).replace('/', "\\/");
        let mut got = Vec::new();
        let n = for_each_key_in_list(json.as_bytes(), |k| {
            got.push(std::format!("{k:?}"));
            Ok(())
        })
        .unwrap();
        assert_eq!((n, got), (1, std::vec![std::format!("{want:?}")]));
    }
    // A body error stops the walk with parse's error.
    let bad = format!(
        "[{}]",
        serde_json::to_string(&ED.replace("MCow", "MC!w")).unwrap()
    );
    assert_eq!(
        for_each_key_in_list(bad.as_bytes(), |_| Ok(())),
        Err(Error::BadBase64(Part::Key))
    );
}
