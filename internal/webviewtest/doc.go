// Package webviewtest holds the end-to-end test of the kiosk's recovery from
// a dead WebKit web process (webview_linux.go in the root package). It runs
// the real production binary under Xvfb, so it is skipped unless
// MOTCUA_KIOSK_BIN names one: run it with `make check-webproc`.
package webviewtest
