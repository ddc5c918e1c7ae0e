package uiapi

import (
	"github.com/motcua/kiosk/kiosk/catalog"
	"github.com/motcua/kiosk/kiosk/core"
)

// Technician mode: devices, settings, catalog and diagnostics. The settings
// view carries ports and timings only, never a provider key.

// TechPorts lists the serial ports the machine has.
func (a *API) TechPorts() ([]string, error) {
	if err := a.need(Technician); err != nil {
		return nil, err
	}
	return a.k.TechPorts()
}

// TechTestPrint prints the test page and returns its preview.
func (a *API) TechTestPrint() (core.TestPrintResult, error) {
	if err := a.need(Technician); err != nil {
		return core.TestPrintResult{}, err
	}
	return a.k.TechTestPrint()
}

// TechReaderMonitor returns the reader's last frames, masked.
func (a *API) TechReaderMonitor() ([]core.MonitorLine, error) {
	if err := a.need(Technician); err != nil {
		return nil, err
	}
	return a.k.TechReaderMonitor()
}

// TechCatalogFiles lists catalog files found on removable media.
func (a *API) TechCatalogFiles() ([]string, error) {
	if err := a.need(Technician); err != nil {
		return nil, err
	}
	return a.k.TechCatalogFiles()
}

// TechCatalogPreview validates a catalog file and shows what would change.
func (a *API) TechCatalogPreview(path string) (catalog.Diff, error) {
	if err := a.need(Technician); err != nil {
		return catalog.Diff{}, err
	}
	return a.k.TechCatalogPreview(path)
}

// TechCatalogImport imports a catalog file.
func (a *API) TechCatalogImport(path string) (int, error) {
	if err := a.need(Technician); err != nil {
		return 0, err
	}
	return a.k.TechCatalogImport(path)
}

// TechDiagnostics writes a diagnostics zip (no personal data) into dir.
func (a *API) TechDiagnostics(dir string) (string, error) {
	if err := a.need(Technician); err != nil {
		return "", err
	}
	return a.k.TechDiagnostics(dir)
}

// TechLog is the recent log.
func (a *API) TechLog() (string, error) {
	if err := a.need(Technician); err != nil {
		return "", err
	}
	return a.k.TechLog()
}

// TechGetSettings is what the technician's settings form edits.
func (a *API) TechGetSettings() (core.TechSettings, error) {
	if err := a.need(Technician); err != nil {
		return core.TechSettings{}, err
	}
	return a.k.TechGetSettings()
}

// TechSaveSettings validates and saves the settings, applied without restart.
func (a *API) TechSaveSettings(s core.TechSettings) (core.SaveResult, error) {
	if err := a.need(Technician); err != nil {
		return core.SaveResult{}, err
	}
	return a.k.TechSaveSettings(s)
}

// TechCentre is the link to the centre server: mode, up or down since when,
// the URL and the last error (never the device token).
func (a *API) TechCentre() (core.CentreInfo, error) {
	if err := a.need(Technician); err != nil {
		return core.CentreInfo{}, err
	}
	return a.k.TechCentre()
}
