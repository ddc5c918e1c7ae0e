package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/kiosk/kiosk/centre"
)

// selfSigned writes a certificate for 127.0.0.1 and its key, as a province
// technician would with openssl, and returns the paths and the pool that
// trusts it (the kiosk's [centre] ca_file).
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "motcua-centre test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "centre.crt"), filepath.Join(dir, "centre.key")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// serve --tls-cert/--tls-key answers over TLS only, to a client that
// trusts the certificate; plain HTTP and an untrusting client get nothing.
func TestServeTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	db := filepath.Join(t.TempDir(), "c.db")
	_, kt, _ := runCmd(t, "", "enroll", "--db", db, "kiosk", "k1")
	srv := startServe(t, "--db", db, "--listen", "127.0.0.1:0", "--tls-cert", certFile, "--tls-key", keyFile)
	addr := srv.addr
	rctx, rcancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer rcancel()

	trusting := centre.NewClient("https://"+addr, strings.TrimSpace(kt))
	trusting.HTTP = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	if h, err := trusting.Health(rctx); err != nil || !h.OK {
		t.Fatalf("healthz over TLS = %+v, %v", h, err)
	}
	if tk, err := trusting.IssueTicket(rctx, centre.IssueRequest{Service: "HT", Key: "tls-1"}); err != nil || tk.Code != "A-0001" {
		t.Fatalf("issue over TLS = %+v, %v", tk, err)
	}
	if _, err := centre.NewClient("https://"+addr, "").Health(rctx); err == nil {
		t.Fatal("a client that does not trust the certificate got an answer")
	}
	if _, err := centre.NewClient("http://"+addr, "").Health(rctx); err == nil {
		t.Fatal("plain HTTP got an answer from a TLS listener")
	}
	srv.stop(t)
}
