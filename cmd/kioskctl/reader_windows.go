//go:build windows

package main

import "os"

var sigTerm = os.Interrupt
