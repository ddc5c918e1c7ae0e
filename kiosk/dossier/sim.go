package dossier

import (
	"context"
	"time"
)

// Sample receipt codes the simulator knows (demos, tests, e2e).
const (
	SampleReady    = "000.00.53.H48-250901-0001" // result ready to collect
	SampleProgress = "000.00.53.H48-250915-0002" // in progress, appointment ahead
	SampleOverdue  = "000.00.53.H48-250801-0003" // in progress, appointment passed
	SampleReturned = "000.00.53.H48-250710-0004" // result handed over
)

// Sim is the simulator: a few fixed sample dossiers, dated relative to
// today so one is always ready, one in progress and one overdue.
type Sim struct {
	Now func() time.Time
}

// Find implements Lookup.
func (s Sim) Find(ctx context.Context, code string) (Status, error) {
	code, err := NormalizeCode(code)
	if err != nil {
		return Status{}, err
	}
	if err := ctx.Err(); err != nil {
		return Status{}, ErrTimeout
	}
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	n := now().In(vnZone)
	day := time.Date(n.Year(), n.Month(), n.Day(), 8, 0, 0, 0, vnZone)
	at := func(days int, hour int) *time.Time {
		t := day.AddDate(0, 0, days).Add(time.Duration(hour-8) * time.Hour)
		return &t
	}
	var st Status
	switch code {
	case SampleReady:
		st = Status{Procedure: "Đăng ký khai sinh", Owner: MaskName("Nguyễn Văn An"),
			ReceivedAt: at(-5, 9), AppointmentAt: at(0, 14), Step: StepReady, Ready: true, CollectAt: Text{"Quầy số 1, Trung tâm Phục vụ hành chính công", "Counter 1, Public Administration Service Centre"}}
	case SampleProgress:
		st = Status{Procedure: "Cấp bản sao trích lục hộ tịch", Owner: MaskName("Trần Thị Bích Ngọc"),
			ReceivedAt: at(-1, 10), AppointmentAt: at(3, 16), Step: StepProcessing}
	case SampleOverdue:
		st = Status{Procedure: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", Owner: MaskName("Lê Minh Tuấn"),
			ReceivedAt: at(-40, 8), AppointmentAt: at(-3, 16), Step: StepProcessing}
	case SampleReturned:
		st = Status{Procedure: "Đăng ký kết hôn", Owner: MaskName("Phạm Quốc Huy"),
			ReceivedAt: at(-20, 9), AppointmentAt: at(-15, 16), CompletedAt: at(-15, 10), Step: StepReturned}
	default:
		return Status{}, ErrNotFound
	}
	st.Code = code
	st.markOverdue(now())
	return st, nil
}
