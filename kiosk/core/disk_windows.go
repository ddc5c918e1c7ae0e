//go:build windows

package core

func freeDisk(dir string) uint64 { return 0 }
