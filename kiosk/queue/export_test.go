package queue

import "github.com/motcua/kiosk/config"

// Hooks for the external tests (package queue_test), which build the
// Service on kiosk/sqlite.

var IssueErr = issueErr

// Reopen is a new Service on the same store, config and clock (a restart).
func Reopen(s *Service) *Service { return New(s.db, s.cfg, s.now) }

// ConfigOf is the Service's config.
func ConfigOf(s *Service) config.Config { return s.cfg }
