package centre

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// HTTP deadlines of the centre's server. The event stream clears the read
// deadline and pushes the write deadline forward on each write.
var (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = 15 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownGrace     = 5 * time.Second
)

// HTTPServer is an http.Server for the API with the centre's deadlines.
func (s *Server) HTTPServer() *http.Server {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(s.endStreams)
	return srv
}

// endStreams ends every open event stream (clients reconnect elsewhere or later).
func (s *Server) endStreams() { s.closeOnce.Do(func() { close(s.closing) }) }

// Serve answers the API on ln (TLS when certFile is set) until ctx ends,
// then shuts down gracefully: streams end, requests in flight finish
// within ShutdownGrace.
func (s *Server) Serve(ctx context.Context, ln net.Listener, certFile, keyFile string) error {
	srv := s.HTTPServer()
	done := make(chan error, 1)
	go func() {
		var err error
		if certFile != "" {
			err = srv.ServeTLS(ln, certFile, keyFile)
		} else {
			err = srv.Serve(ln)
		}
		done <- err
	}()
	s.log.Info("centre API listening", "addr", ln.Addr().String(), "tls", certFile != "")
	select {
	case err := <-done:
		return fmt.Errorf("centre: serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.log.Info("centre shutting down", "grace", ShutdownGrace)
	shut, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(shut)
	if err != nil {
		srv.Close()
	}
	if serr := <-done; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		return fmt.Errorf("centre: serve %s: %w", ln.Addr(), serr)
	}
	if err != nil {
		return fmt.Errorf("centre: shutdown: %w", err)
	}
	return nil
}
