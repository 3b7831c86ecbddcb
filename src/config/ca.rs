//! Owns the CA files named by `[smtp] ca_file` and `[inbound.imap] ca_file`: read once, at
//! load, every PEM certificate in them parsed and checked as a trust anchor, so that a file
//! that cannot serve is a config problem at `check` and at start rather than a TLS failure
//! at the first send. Does not open connections or decide what else is trusted.

use std::fmt;
use std::path::{Path, PathBuf};

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;
use tokio_rustls::rustls::RootCertStore;

/// Why a CA file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a PEM file: {reason}")]
    NotPem { path: String, reason: String },
    #[error("{path} holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)")]
    Empty { path: String },
    #[error("certificate {index} of {path} cannot be a trusted CA: {reason}")]
    Unusable {
        path: String,
        /// 1 for the first certificate of the file.
        index: usize,
        reason: String,
    },
}

/// The certificates of a CA file, as read at load.
#[derive(Clone, PartialEq, Eq)]
pub struct CaFile {
    /// Where they were read from, for messages.
    pub path: PathBuf,
    /// The file's bytes: one or more `-----BEGIN CERTIFICATE-----` blocks (other blocks are
    /// ignored). What lettre's `Certificate::from_pem` takes.
    pub pem: Vec<u8>,
    /// The certificates in it, in file order; never empty.
    pub certificates: Vec<CertificateDer<'static>>,
}

impl fmt::Debug for CaFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CaFile")
            .field("path", &self.path)
            .field("certificates", &self.certificates.len())
            .finish()
    }
}

impl CaFile {
    /// Reads `path` and checks every certificate in it.
    ///
    /// # Errors
    /// An unreadable file, a file that is not PEM or holds no certificate, or a certificate
    /// that cannot be a trust anchor.
    pub fn read(path: &Path) -> Result<CaFile, CaError> {
        let pem = std::fs::read(path).map_err(|source| CaError::Read {
            path: path.display().to_string(),
            source,
        })?;
        CaFile::parse(path, pem)
    }

    /// Checks `pem` as if read from `path`.
    ///
    /// # Errors
    /// As [`CaFile::read`], but for reading.
    pub fn parse(path: &Path, pem: Vec<u8>) -> Result<CaFile, CaError> {
        let shown = || path.display().to_string();
        let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
            .collect::<Result<_, _>>()
            .map_err(|e| CaError::NotPem {
                path: shown(),
                reason: e.to_string(),
            })?;
        if certificates.is_empty() {
            return Err(CaError::Empty { path: shown() });
        }
        for (n, cert) in certificates.iter().enumerate() {
            // NOTE: the check rustls makes when the certificate is added as a root; done here
            // so that it fails at load, naming the certificate.
            RootCertStore::empty()
                .add(cert.clone())
                .map_err(|e| CaError::Unusable {
                    path: shown(),
                    index: n + 1,
                    reason: e.to_string(),
                })?;
        }
        Ok(CaFile {
            path: path.to_path_buf(),
            pem,
            certificates,
        })
    }
}

/// A fresh CA certificate in PEM, for tests.
#[cfg(test)]
pub(crate) fn test_ca_pem() -> String {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    params.self_signed(&key).unwrap().pem()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_certificate_of_a_file_is_kept_in_order() {
        let (a, b) = (test_ca_pem(), test_ca_pem());
        let text = format!("# the relay's CA and its new one\n{a}\n{b}");
        let ca = CaFile::parse(Path::new("ca.pem"), text.into_bytes()).unwrap();
        assert_eq!(ca.certificates.len(), 2);
        let first: Vec<_> = CertificateDer::pem_slice_iter(a.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(ca.certificates[0], first[0]);
        assert_eq!(
            format!("{ca:?}"),
            "CaFile { path: \"ca.pem\", certificates: 2 }"
        );
    }

    #[test]
    fn a_file_without_a_certificate_is_refused_naming_it() {
        let err = CaFile::parse(Path::new("ca.pem"), b"just some text\n".to_vec()).unwrap_err();
        assert!(matches!(err, CaError::Empty { .. }), "{err}");
        assert!(err.to_string().contains("ca.pem"), "{err}");
    }

    #[test]
    fn a_missing_file_is_refused_naming_it() {
        let err = CaFile::read(Path::new("/nonexistent/ca.pem")).unwrap_err();
        assert!(matches!(err, CaError::Read { .. }), "{err}");
        assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
    }

    #[test]
    fn a_broken_pem_block_is_refused() {
        let broken = "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n";
        let err = CaFile::parse(Path::new("ca.pem"), broken.as_bytes().to_vec()).unwrap_err();
        assert!(
            matches!(err, CaError::NotPem { .. } | CaError::Unusable { .. }),
            "{err}"
        );
    }

    #[test]
    fn a_block_that_is_not_a_certificate_is_refused_with_its_number() {
        let junk = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        let err = CaFile::parse(Path::new("ca.pem"), junk.as_bytes().to_vec()).unwrap_err();
        let CaError::Unusable { index, .. } = err else {
            panic!("{err}");
        };
        assert_eq!(index, 1);
    }
}
