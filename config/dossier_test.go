package config

import (
	"strings"
	"testing"
)

func TestDossierConfig(t *testing.T) {
	c, err := Parse([]byte("[dossier]\nprovider = \"igate\"\nprovince = \"H48\"\n[dossier.igate]\nbase_url = \"https://igate.example\"\nrealm = \"r\"\ntoken = \"t\"\n"))
	if err != nil || c.Dossier.Provider != "igate" || c.Dossier.IGate.Token != "t" {
		t.Fatalf("igate: %+v %v", c.Dossier, err)
	}
	for toml, key := range map[string]string{
		"[dossier]\nprovider = \"vnpt\"\n":                                "dossier.provider",
		"[dossier]\nprovider = \"igate\"\n":                               "dossier.igate.base_url",
		"[dossier]\nprovider = \"dvcqg\"\n[dossier.dvcqg]\nurl = \"x\"\n": "dossier.dvcqg.url",
		"[dossier]\ntimeout_seconds = 600\n":                              "dossier.timeout_seconds",
	} {
		if _, err := Parse([]byte(toml)); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: %v; want a problem naming %s", toml, err, key)
		}
	}
}
