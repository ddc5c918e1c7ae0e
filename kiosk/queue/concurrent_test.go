package queue_test

import (
	"context"
	"fmt"
	. "github.com/motcua/kiosk/kiosk/queue"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/motcua/kiosk/config"
	"github.com/motcua/kiosk/kiosk/sqlite"
)

const (
	helperEnv  = "QUEUE_TEST_HELPER" // set in the second process
	goroutines = 8
)

var concurrentServices = []string{"HT", "CT", "DD"}

// Two processes, eight goroutines each, one store file: 1,000 tickets in
// all, distinct numbers with no gap per service and business day. The second
// process is this test binary re-executed on TestHelperProcess.
func TestConcurrentIssuanceTwoProcesses(t *testing.T) {
	if os.Getenv(helperEnv) != "" {
		t.Skip("inside the helper process")
	}
	const total = 1000
	path := filepath.Join(t.TempDir(), "kiosk.db")
	newQueue(t, path, nil, nil) // create and migrate before both start
	perProc := total / 2
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), helperEnv+"=1", "QUEUE_TEST_DB="+path, "QUEUE_TEST_N="+strconv.Itoa(total-perProc))
	var out []byte
	var cmdErr error
	done := make(chan struct{})
	go func() { defer close(done); out, cmdErr = cmd.CombinedOutput() }()
	ownErr := issueMany(path, perProc)
	<-done
	if ownErr != nil {
		t.Fatalf("this process: %v", ownErr)
	}
	if cmdErr != nil {
		t.Fatalf("helper process: %v\n%s", cmdErr, out)
	}

	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT service, day, number, code FROM tickets ORDER BY service, day, number`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	next := map[string]int{}
	codes := map[string]bool{}
	n := 0
	for rows.Next() {
		var svc, day, code string
		var num int
		if err := rows.Scan(&svc, &day, &num, &code); err != nil {
			t.Fatal(err)
		}
		key := svc + " " + day
		next[key]++
		if num != next[key] {
			t.Fatalf("%s: number %d where %d was due (gap or duplicate)", key, num, next[key])
		}
		if codes[key+code] {
			t.Fatalf("%s: code %s twice", key, code)
		}
		codes[key+code] = true
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != total {
		t.Fatalf("%d tickets stored, want %d", n, total)
	}
	if len(next) < len(concurrentServices) { // more if the day turned mid-test
		t.Fatalf("services/days: %v", next)
	}
}

// TestHelperProcess is the second issuing process; it does nothing in a
// normal run.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) == "" {
		t.Skip("helper for TestConcurrentIssuanceTwoProcesses")
	}
	n, err := strconv.Atoi(os.Getenv("QUEUE_TEST_N"))
	if err != nil {
		t.Fatal(err)
	}
	if err := issueMany(os.Getenv("QUEUE_TEST_DB"), n); err != nil {
		t.Fatal(err)
	}
}

// issueMany issues n tickets over the services from 8 goroutines sharing
// one Service (and its connection pool), as the kiosk does.
func issueMany(path string, n int) error {
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		return err
	}
	defer db.Close()
	q := New(db, config.Default(), nil)
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < n; i += goroutines {
				svc := concurrentServices[i%len(concurrentServices)]
				if _, err := q.Issue(context.Background(), svc, ""); err != nil {
					errs <- fmt.Errorf("goroutine %d, ticket %d: %w", g, i, err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	return <-errs
}
