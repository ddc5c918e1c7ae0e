package centre

import (
	"github.com/motcua/kiosk/kiosk/officer"
	"github.com/motcua/kiosk/kiosk/queue"
)

// Counter, hall, voice, rating and report routes (issue 13). Pages are
// paired once with ?token=… (a device token): the server answers with the
// token in an HttpOnly cookie (CookieDevice) and redirects to the page
// without the query, so the token stays out of the address bar and the
// logs. /api/ accepts the cookie in place of the Bearer header.
const (
	PathPageCounter = "/counter/" // counter device
	PathPageDisplay = "/display/" // display device (hall TV)
	PathPageRating  = "/rating/"  // display device in rating mode, ?counter=3 (tablet facing the citizen)
	PathPageReports = "/reports/" // counter device + staff PIN

	PathHall      = "/api/v1/hall"           // GET → Hall (any device)
	PathVoiceCall = "/api/v1/voice/call.wav" // GET ?ticket=B-0012&counter=3 → audio/wav (display, counter)

	PathOfficers     = "/api/v1/officers"                             // GET → []string active officer names (counter)
	PathSignIn       = "/api/v1/counters/{counter}/signin"            // POST SignInRequest → CounterView; sets CookieOfficer (counter)
	PathSignOut      = "/api/v1/counters/{counter}/signout"           // POST → 204 (counter + officer)
	PathCounter      = "/api/v1/counters/{counter}"                   // GET → CounterView (counter + officer)
	PathCounterState = "/api/v1/counters/{counter}/state"             // POST StateRequest → CounterView (counter + officer)
	PathTicketAction = "/api/v1/counters/{counter}/tickets/{id}/{op}" // POST ActionRequest → queue.Ticket (counter + officer)

	PathRatings = "/api/v1/ratings" // POST RatingRequest → 204 (display, kiosk)
	PathReports = "/api/v1/reports" // GET ?from=YYYY-MM-DD&to=…&format=json|csv|xlsx (counter + staff PIN)
)

// Cookies and headers of the pages.
const (
	CookieDevice  = "motcua_device"     // HttpOnly, SameSite=Strict, Path=/: the device token
	CookieOfficer = "motcua_officer"    // HttpOnly, SameSite=Strict, Path=/api/v1/counters/: the officer session token
	HeaderOfficer = "X-Officer-Session" // the officer session token for non-browser clients (kioskctl)
)

// Ticket operations at a counter (the {op} of PathTicketAction). The
// counter must be the one the officer signed in to; the ticket must be
// called, served or parked at that counter, except call (a waiting ticket
// of one of the counter's services, out of order, with a reason) and
// transfer (to ActionRequest.Service, keeping the citizen's place).
const (
	OpCall     = "call"     // waiting → called (out of order; Reason required)
	OpRecall   = "recall"   // called → called, announced again
	OpNoShow   = "noshow"   // called → noshow (only after a call)
	OpStart    = "start"    // called → serving
	OpFinish   = "finish"   // serving → done; opens the counter's rating tablet
	OpPark     = "park"     // called|serving → parked (Reason)
	OpResume   = "resume"   // parked → called, announced again
	OpTransfer = "transfer" // called|serving|parked → waiting in Service's line (Reason)
)

// Error codes of the counter routes.
const (
	CodeNoOfficer = "no_officer" // 401: the officer is not signed in at this counter (or the sign-in expired)
	CodeLocked    = "locked"     // 403: the officer's PIN is locked for a while
	CodeWrongPIN  = "wrong_pin"  // 403
	CodePaused    = "paused"     // 409: the counter is paused; resume it before calling
	CodeRated     = "rated"      // 409: the ticket was rated already
)

// SignInRequest signs an officer in at a counter.
type SignInRequest struct {
	Officer string `json:"officer"`
	PIN     string `json:"pin"`
}

// StateRequest pauses (with a reason) or reopens a counter.
type StateRequest struct {
	Paused bool   `json:"paused"`
	Reason string `json:"reason,omitempty"`
}

// ActionRequest is the body of a ticket operation.
type ActionRequest struct {
	Reason  string `json:"reason,omitempty"`
	Service string `json:"service,omitempty"` // transfer: the target service code
}

// CounterView is what the counter page shows.
type CounterView struct {
	State    officer.CounterState `json:"state"`
	Services []string             `json:"services"` // codes served here, config order
	Current  *queue.Ticket        `json:"current"`  // called or serving here now, with its guidance
	Parked   []queue.Ticket       `json:"parked"`   // parked at this counter
	Waiting  []queue.Ticket       `json:"waiting"`  // waiting in this counter's lines, in call order
	Lines    []queue.ServiceView  `json:"lines"`    // every service (transfer targets), with counts
}

// Hall is what the hall display shows (GET PathHall). It is rebuilt after
// every event; LastEventID says which.
type Hall struct {
	Counters    []HallCounter `json:"counters"` // every configured counter, in config order
	Recent      []queue.Call  `json:"recent"`   // the last calls, newest first
	Services    []HallService `json:"services"`
	At          string        `json:"at"`
	LastEventID int64         `json:"lastEventId"`
}

// HallCounter is one counter on the hall display.
type HallCounter struct {
	Counter string `json:"counter"`
	Ticket  string `json:"ticket"`  // code of the ticket called or served there, or ""
	Service string `json:"service"` // that ticket's line
	Status  string `json:"status"`  // that ticket's status
	Paused  bool   `json:"paused"`
	Reason  string `json:"reason"`
}

// HallService is one service's line on the hall display.
type HallService struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	NameEN  string `json:"nameEn"`
	Waiting int    `json:"waiting"`
	EstWait int    `json:"estWait"` // seconds; -1 unknown
}

// RatingRequest is a citizen's rating of a finished ticket.
type RatingRequest struct {
	Ticket  int64    `json:"ticket"`
	Ref     string   `json:"ref,omitempty"` // instead of Ticket: the ticket QR or code scanned or typed on a kiosk (queue.FindRef)
	Stars   int      `json:"stars"`
	Reasons []string `json:"reasons,omitempty"`
	Comment string   `json:"comment,omitempty"`
}
