package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/tracetui/tracetui/source/receiver"
)

// newRelicTLS is the certificate the New Relic endpoint serves (agents
// speak only HTTPS) and the file an agent must trust: the one named by
// --newrelic-cert, or else a self-signed one tracetui makes once and keeps
// in the user's cache directory, so that an app told to trust it keeps
// working across runs.
func newRelicTLS(opts *ListenOptions) (*tls.Config, string, error) {
	if opts.NewRelicCert != "" {
		pair, err := tls.LoadX509KeyPair(opts.NewRelicCert, opts.NewRelicKey)
		if err != nil {
			return nil, "", fmt.Errorf("listen: --newrelic-cert, --newrelic-key: %w", err)
		}
		return &tls.Config{Certificates: []tls.Certificate{pair}}, opts.NewRelicCert, nil
	}
	cacheDir := opts.cacheDir
	if cacheDir == nil {
		cacheDir = os.UserCacheDir
	}
	dir, err := cacheDir()
	if err != nil {
		return nil, "", fmt.Errorf("listen: no cache directory to keep the New Relic endpoint's certificate in (%v): give one with --newrelic-cert and --newrelic-key", err)
	}
	dir = filepath.Join(dir, "tracetui")
	certPath, keyPath := filepath.Join(dir, "newrelic-cert.pem"), filepath.Join(dir, "newrelic-key.pem")
	hosts := certHosts(opts.NewRelic)
	if pair, err := tls.LoadX509KeyPair(certPath, keyPath); err == nil && covers(pair, hosts, opts.Now()) {
		return &tls.Config{Certificates: []tls.Certificate{pair}}, certPath, nil
	}
	pair, err := makeCert(dir, certPath, keyPath, hosts, opts.Now())
	if err != nil {
		return nil, "", fmt.Errorf("listen: cannot make a certificate for the New Relic endpoint in %s: %w (or give one with --newrelic-cert and --newrelic-key)", dir, err)
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}}, certPath, nil
}

// certHosts are the names the certificate must hold: the loopback ones,
// and the host --newrelic names if it is another.
func certHosts(addr string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	host, _, err := net.SplitHostPort(receiver.LocalAddr(addr))
	if err == nil && host != "" && host != "0.0.0.0" && host != "::" && host != "localhost" && host != "127.0.0.1" && host != "::1" {
		hosts = append(hosts, host)
	}
	return hosts
}

// covers reports whether a kept certificate still serves: valid for a day
// more, and for every host.
func covers(pair tls.Certificate, hosts []string, now time.Time) bool {
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil || now.Add(24*time.Hour).After(leaf.NotAfter) || now.Before(leaf.NotBefore) {
		return false
	}
	for _, h := range hosts {
		if leaf.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

// makeCert writes a new self-signed certificate (ECDSA P-256, a year) for
// hosts, its key readable by the user alone. It is its own CA, so an
// agent trusts it by adding it to its roots.
func makeCert(dir, certPath, keyPath string, hosts []string, now time.Time) (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "tracetui New Relic endpoint"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return tls.Certificate{}, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, err
	}
	// Key first, each by rename: a run reading them meanwhile sees an old
	// pair that does not match, and makes its own, never a torn file.
	if err := writeAtomic(keyPath, keyPEM, 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := writeAtomic(certPath, certPEM, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.X509KeyPair(certPEM, keyPEM)
}

func writeAtomic(path string, b []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	err = errors.Join(err, f.Chmod(perm), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// newRelicHint tells how to point a New Relic agent at the endpoint.
func newRelicHint(addr, certPath string) string {
	return fmt.Sprintf("New Relic agents: set NEW_RELIC_HOST=%s and any 40-character NEW_RELIC_LICENSE_KEY, and make the agent trust %s "+
		"(Go on Linux: SSL_CERT_FILE=%s; or put it in the roots of the agent's Config.Transport)", addr, certPath, certPath)
}
