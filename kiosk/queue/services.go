package queue

import (
	"context"
	"fmt"
)

// ServiceView is a service with its state for the "Lấy số thứ tự" screen.
type ServiceView struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	NameEN   string   `json:"nameEn"`
	Prefix   string   `json:"prefix"`
	Counters []string `json:"counters"`
	Fields   []string `json:"fields"`
	Waiting  int      `json:"waiting"`  // issued today and not called yet
	Issued   int      `json:"issued"`   // issued today (the last number)
	DailyCap int      `json:"dailyCap"` // 0 = no cap
	Open     bool     `json:"open"`     // staff override, else config
	EstWait  int      `json:"estWait"`  // seconds a ticket taken now would wait; -1 unknown
}

// Services lists the configured services, in config order, with today's
// waiting and issued counts and the open state.
func (s *Service) Services(ctx context.Context) ([]ServiceView, error) {
	day := s.BusinessDay()
	counts, err := s.db.ServiceCounts(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("queue: services: %w", err)
	}
	out := make([]ServiceView, 0, len(s.cfg.Queue.Services))
	for _, sv := range s.cfg.Queue.Services {
		open, err := s.isOpen(ctx, sv)
		if err != nil {
			return nil, err
		}
		out = append(out, ServiceView{Code: sv.Code, Name: sv.NameVI, NameEN: sv.NameEN, Prefix: sv.Prefix,
			Counters: sv.Counters, Fields: sv.Fields, Waiting: counts[sv.Code].Waiting, Issued: counts[sv.Code].Issued,
			DailyCap: sv.DailyCap, Open: open, EstWait: -1})
	}
	return out, nil
}

// WaitingCounts is the number of tickets waiting per service code today.
func (s *Service) WaitingCounts(ctx context.Context) (map[string]int, error) {
	svs, err := s.Services(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]int, len(svs))
	for _, v := range svs {
		m[v.Code] = v.Waiting
	}
	return m, nil
}

// SetOpen opens or closes a service (staff). The override is stored and
// outlives restarts until staff change it again.
func (s *Service) SetOpen(ctx context.Context, code string, open bool) error {
	sv, ok := s.service(code)
	if !ok {
		return issueErr(ErrNoService, code)
	}
	if err := s.db.SetServiceOverride(ctx, code, open); err != nil {
		return fmt.Errorf("queue: set %s open=%v: %w", code, open, err)
	}
	svs, err := s.Services(ctx)
	if err == nil {
		for _, v := range svs {
			if v.Code == sv.Code {
				s.ev.Emit(EventService, v)
			}
		}
	}
	return nil
}
