use super::*;
use std::format;
use std::string::String;
use std::vec::Vec;

/// RFC 8410 §10.1's Ed25519 public key.
const ED: &str = "-----BEGIN PUBLIC KEY-----\n\
                  MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
                  -----END PUBLIC KEY-----\n";

fn run(pem: &str) -> Result<KeyMaterial<'static>, Error> {
    let scratch = std::boxed::Box::leak(std::vec![0u8; PEM_SCRATCH_LEN].into_boxed_slice());
    parse(pem.as_bytes(), scratch)
}

#[test]
fn parses_and_tolerates_surrounding_whitespace() {
    assert!(matches!(run(ED), Ok(KeyMaterial::Ed25519(_))));
    assert!(run(&format!("\n\n  {ED}\n\n")).is_ok());
    assert!(run(&ED.replace('\n', "\r\n")).is_ok());
    assert!(run(ED.trim_end()).is_ok());
}

#[test]
fn armour_and_label_errors() {
    let fmt = Error::Malformed(Malformed::KeyFormat);
    // Text around the block.
    assert_eq!(run(&format!("junk\n{ED}")), Err(fmt));
    assert_eq!(run(&format!("{ED}junk\n")), Err(fmt));
    assert_eq!(run(&format!("{ED}{ED}")), Err(fmt));
    // Mismatched, unknown, lower-case labels; broken boundaries.
    assert_eq!(run(&ED.replace("END PUBLIC", "END RSA PUBLIC")), Err(fmt));
    assert_eq!(run(&ED.replace("PUBLIC KEY", "OPENSSH KEY")), Err(fmt));
    assert_eq!(run(&ED.replace("PUBLIC KEY", "public key")), Err(fmt));
    assert_eq!(run(&ED.replace("-----BEGIN", "----BEGIN")), Err(fmt));
    assert_eq!(run(&ED.replace("-----END", "----END")), Err(fmt));
    assert_eq!(run(&ED.replace("KEY-----\n", "KEY----\n")), Err(fmt));
    assert_eq!(run(""), Err(fmt));
    assert_eq!(
        run("MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="),
        Err(fmt)
    );
    // RFC 1421 headers.
    let hdr = ED.replace("KEY-----\nMCow", "KEY-----\nProc-Type: 4,ENCRYPTED\n\nMCow");
    assert!(run(&hdr).is_err());
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
        let pem = format!("-----BEGIN {label}-----\n!!!!\n-----END {label}-----\n");
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
    assert_eq!(run(&ED.replace("MCow", "MC w")), Err(bad));
    assert_eq!(run(&ED.replace("ZuE=", "ZuE")), Err(bad));
    // A valid body that is not a key of the label's kind.
    assert_eq!(
        run(&ED.replace("PUBLIC KEY", "RSA PUBLIC KEY")),
        Err(Error::InvalidKey(KeyProblem::Der))
    );
    assert_eq!(
        run(&ED.replace("PUBLIC KEY", "CERTIFICATE")),
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
fn inconsistent_line_widths_are_refused() {
    let body = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
    let (a, b) = body.split_at(20);
    let (b, c) = b.split_at(30);
    let pem = format!("-----BEGIN PUBLIC KEY-----\n{a}\n{b}\n{c}\n-----END PUBLIC KEY-----\n");
    assert!(run(&pem).is_err());
    let (a, b) = body.split_at(20);
    let (b, c) = b.split_at(20);
    let pem = format!("-----BEGIN PUBLIC KEY-----\n{a}\n{b}\n{c}\n-----END PUBLIC KEY-----\n");
    assert!(run(&pem).is_ok());
}

#[test]
fn bundles_split_into_blocks() {
    let two = format!("{ED}\n{ED}");
    let got: Vec<_> = blocks(two.as_bytes()).collect();
    assert_eq!(got.len(), 2);
    for b in got {
        assert!(run(core::str::from_utf8(b.unwrap()).unwrap()).is_ok());
    }
    assert_eq!(blocks(b"  \n").count(), 0);
    let junk: Vec<_> = blocks(format!("{ED}junk{ED}").as_bytes())
        .map(|b| b.is_ok())
        .collect();
    assert_eq!(junk, [true, false]);
    let open: Vec<_> = blocks(b"-----BEGIN PUBLIC KEY-----\nAAAA\n").collect();
    assert_eq!(open, [Err(Error::Malformed(Malformed::KeyFormat))]);
    let _ = String::new();
}
