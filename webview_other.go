//go:build !linux

package main

// watchWebProcess does nothing outside Linux: WebView2 on Windows restarts
// its own renderer, and the Wails window there is not WebKitGTK.
func watchWebProcess(quit func(code int)) {}
