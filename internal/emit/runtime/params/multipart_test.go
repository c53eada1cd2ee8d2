package params

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestMultipart(t *testing.T) {
	m := NewMultipart(func(p *Parts) error {
		if err := p.File("f", "a.txt", "", strings.NewReader("file")); err != nil {
			return err
		}
		if err := p.Value("n", "", List([]int64{1, 2}, Int), nil); err != nil {
			return err
		}
		if err := p.Value("o", "", Object().With("a", String("b")), map[string]string{"a": "b"}); err != nil {
			return err
		}
		return p.Value("z", "", Null(), nil)
	})
	_, ps, err := mime.ParseMediaType(m.ContentType())
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(m, ps["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(data))
	}
	want := []string{"f|a.txt|application/octet-stream|file", "n|||1", "n|||2", `o||application/json|{"a":"b"}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMultipartError(t *testing.T) {
	boom := errors.New("boom")
	m := NewMultipart(func(p *Parts) error { return boom })
	if _, err := io.ReadAll(m); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
}

// A body closed unread starts no goroutine; one closed mid-write stops its.
func TestMultipartClose(t *testing.T) {
	before := runtime.NumGoroutine()
	started := false
	m := NewMultipart(func(p *Parts) error { started = true; return nil })
	m.Close()
	if _, err := m.Read(make([]byte, 1)); err == nil || started {
		t.Errorf("read after close: err %v, started %v", err, started)
	}
	endless := NewMultipart(func(p *Parts) error {
		return p.File("f", "x", "", eternal{})
	})
	endless.Read(make([]byte, 10))
	endless.Close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left", n-before)
	}
}

type eternal struct{}

func (eternal) Read(b []byte) (int, error) { return len(b), nil }
