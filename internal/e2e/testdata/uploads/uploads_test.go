// Upload tests of a generated SDK over real HTTP round trips. This file
// lives under testdata (ignored by the go tool): TestGeneratedSDKUploads in
// internal/e2e generates testdata/shapes/68-multipart.yml and copies it
// into a temporary module that imports "openapi" (that SDK) and
// github.com/oasgo/gen (for specserver), next to a spec_path_test.go
// declaring specPath.
package uploads

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oasgo/gen/testkit/specserver"

	sdk "openapi"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/shared"
	"openapi/pkg/types"
)

// validating is specserver over the spec: it validates each request
// against it (openapi3filter: the multipart parts decoded and checked
// against their schemas) and answers from its examples.
func validating(t *testing.T) (*specserver.Server, *sdk.SDK) {
	t.Helper()
	srv, err := specserver.New(specPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv, sdk.New(sdk.WithServerURL(srv.URL()))
}

// parts reads the multipart body of rec as name -> contents, with each
// part's headers.
type part struct {
	name, file, contentType, data string
}

func readParts(t *testing.T, contentType string, body io.Reader) []part {
	t.Helper()
	mt, ps, err := mime.ParseMediaType(contentType)
	if err != nil || mt != "multipart/form-data" || ps["boundary"] == "" {
		t.Fatalf("Content-Type %q: not multipart/form-data with a boundary", contentType)
	}
	r := multipart.NewReader(body, ps["boundary"])
	var out []part
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(data)})
	}
}

// TestUploadValidated: a file, a list of files, an enum, a list of
// strings, a text part with its encoding's content type, a JSON object and
// a union's object alternative, in one request the server parses and
// validates against the spec.
func TestUploadValidated(t *testing.T) {
	srv, s := validating(t)
	note := "a note"
	res, err := s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
		FilesCreateRequestBody: operations.FilesCreateRequestBody{
			File:        types.File{Name: "cat.png", Content: strings.NewReader("PNG...")},
			Attachments: []types.File{{Name: "a.txt", ContentType: "text/plain", Content: strings.NewReader("one")}, {Name: "b.bin", Content: strings.NewReader("two")}},
			Purpose:     operations.FilesCreateRequestBodyPurposeEnumBatch,
			Tags:        []string{"x", "y"},
			Note:        &note,
			Meta:        &operations.FilesCreateRequestBodyMeta{Owner: sdk.String("Ann"), Size: sdk.Int64(6)},
			Source:      &operations.FilesCreateRequestBodySource{Object: &operations.FilesCreateRequestBodySourceObject{URL: "https://example.com/x"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 201 {
		t.Fatalf("status %d", res.StatusCode)
	}
	recs := srv.Requests()
	if len(recs) != 1 {
		t.Fatalf("%d requests", len(recs))
	}
	got := readParts(t, recs[0].Header.Get("Content-Type"), bytes.NewReader(recs[0].Body))
	want := map[string]part{
		"file":    {"file", "cat.png", "image/png", "PNG..."},
		"meta":    {"meta", "", "application/json", `{"owner":"Ann","size":6}`},
		"note":    {"note", "", "text/plain", "a note"},
		"purpose": {"purpose", "", "", "batch"},
		"source":  {"source", "", "application/json", `{"url":"https://example.com/x"}`},
	}
	var attachments, tags []part
	for _, p := range got {
		switch p.name {
		case "attachments":
			attachments = append(attachments, p)
		case "tags":
			tags = append(tags, p)
		default:
			if p != want[p.name] {
				t.Errorf("part %s: got %+v, want %+v", p.name, p, want[p.name])
			}
			delete(want, p.name)
		}
	}
	if len(want) > 0 {
		t.Errorf("parts not sent: %v", want)
	}
	if len(attachments) != 2 || attachments[0] != (part{"attachments", "a.txt", "text/plain", "one"}) || attachments[1] != (part{"attachments", "b.bin", "application/octet-stream", "two"}) {
		t.Errorf("attachments: %+v", attachments)
	}
	if len(tags) != 2 || tags[0].data != "x" || tags[1].data != "y" {
		t.Errorf("tags: %+v", tags)
	}
}

// TestMediaTypeChoice: one operation offering JSON, a form and multipart,
// called all three ways; the server validates each against its media type.
func TestMediaTypeChoice(t *testing.T) {
	srv, s := validating(t)
	ctx := context.Background()
	pet := &shared.Pet{Name: "Rex", Age: sdk.Int64(3)}
	if _, err := s.Pets.PetsCreate(ctx, operations.PetsCreateRequest{Pet: pet}); err != nil {
		t.Fatal("JSON:", err)
	}
	if _, err := s.Pets.PetsCreate(ctx, operations.PetsCreateRequest{PetForm: pet}); err != nil {
		t.Fatal("form:", err)
	}
	if _, err := s.Pets.PetsCreate(ctx, operations.PetsCreateRequest{PetMultipart: &operations.PetsCreateRequestBody{
		Name: "Rex", Photo: types.File{Name: "rex.jpg", ContentType: "image/jpeg", Content: strings.NewReader("JPEG")},
	}}); err != nil {
		t.Fatal("multipart:", err)
	}
	recs := srv.Requests()
	if len(recs) != 3 {
		t.Fatalf("%d requests", len(recs))
	}
	if ct, body := recs[0].Header.Get("Content-Type"), string(recs[0].Body); ct != "application/json" || body != `{"age":3,"name":"Rex"}` {
		t.Errorf("JSON: %s %s", ct, body)
	}
	if ct, body := recs[1].Header.Get("Content-Type"), string(recs[1].Body); ct != "application/x-www-form-urlencoded" || body != "age=3&name=Rex" {
		t.Errorf("form: %s %s", ct, body)
	}
	parts := readParts(t, recs[2].Header.Get("Content-Type"), bytes.NewReader(recs[2].Body))
	if len(parts) != 2 || parts[0] != (part{"name", "", "", "Rex"}) || parts[1] != (part{"photo", "rex.jpg", "image/jpeg", "JPEG"}) {
		t.Errorf("multipart: %+v", parts)
	}

	// Two bodies set: an error, and no request.
	_, err := s.Pets.PetsCreate(ctx, operations.PetsCreateRequest{Pet: pet, PetForm: pet})
	if err == nil || !strings.Contains(err.Error(), "set one request body of Pet, PetForm, PetMultipart") {
		t.Errorf("two bodies: %v", err)
	}
	if n := len(srv.Requests()); n != 3 {
		t.Errorf("two bodies: %d requests sent, want none more", n-3)
	}
}

// pattern is an endless reader of a repeating byte pattern that allocates
// nothing: a file's content the test never holds.
type pattern struct{ n int64 }

func (p *pattern) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = byte('a' + (p.n+int64(i))%26)
	}
	p.n += int64(len(b))
	return len(b), nil
}

// TestStreamedUpload: a 100 MiB file goes up from a reader the test never
// holds; the server reads it part by part. The heap grows by far less
// than the file: it is streamed, not buffered.
func TestStreamedUpload(t *testing.T) {
	const size = 100 << 20
	var received atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, ps, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		mr := multipart.NewReader(r.Body, ps["boundary"])
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			if p.FormName() == "file" {
				n, _ := io.Copy(io.Discard, p)
				received.Store(n)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		io.WriteString(w, `{"id":"file-1"}`)
	}))
	t.Cleanup(srv.Close)
	s := sdk.New(sdk.WithServerURL(srv.URL))
	var err error
	grew := heapGrowth(func() {
		_, err = s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
			FilesCreateRequestBody: operations.FilesCreateRequestBody{
				File:    types.File{Name: "big.bin", Content: io.LimitReader(&pattern{}, size)},
				Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
			},
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if received.Load() != size {
		t.Errorf("server received %d bytes of the file, want %d", received.Load(), size)
	}
	if grew > 16<<20 {
		t.Errorf("heap grew by %d MiB uploading a 100 MiB file", grew>>20)
	}
	// The baseline, in the same run: the body built in memory first, as
	// a caller had to when multipart was raw bytes.
	var buffered bytes.Buffer
	base := heapGrowth(func() {
		mw := multipart.NewWriter(&buffered)
		w, _ := mw.CreateFormFile("file", "big.bin")
		io.Copy(w, io.LimitReader(&pattern{}, size))
		mw.WriteField("purpose", "batch")
		mw.Close()
	})
	if base < 64<<20 {
		t.Errorf("the buffered baseline grew the heap by only %d MiB: the measure is broken", base>>20)
	}
	t.Logf("100 MiB upload: heap grew by %.1f MiB streamed, %.1f MiB with the body buffered first (same run)", float64(grew)/(1<<20), float64(base)/(1<<20))
}

// failing reads n bytes, then fails.
type failing struct{ n int }

var errDisk = errors.New("disk on fire")

func (f *failing) Read(b []byte) (int, error) {
	if f.n <= 0 {
		return 0, errDisk
	}
	n := min(len(b), f.n)
	f.n -= n
	return n, nil
}

// TestUploadReaderFails: a file that fails mid-read fails the call with
// that error, makes one attempt (a streamed body is never replayed), and
// leaves no goroutine behind.
func TestUploadReaderFails(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(400)
	}))
	t.Cleanup(srv.Close)
	s := sdk.New(sdk.WithServerURL(srv.URL))
	before := runtime.NumGoroutine()
	_, err := s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
		FilesCreateRequestBody: operations.FilesCreateRequestBody{
			File:    types.File{Name: "f.bin", Content: &failing{n: 1 << 20}},
			Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
		},
	})
	if !errors.Is(err, errDisk) {
		t.Fatalf("err %v, want the reader's error", err)
	}
	if n := attempts.Load(); n > 1 {
		t.Errorf("%d attempts", n)
	}
	srv.CloseClientConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left behind", n-before)
	}
}

// TestUploadRetry: a 503 with Retry-After, which a POST is retried on, is
// retried when every file can be read again from its start (an
// io.Seeker: the same bytes are sent again, the same length), and not
// when a file is a stream.
func TestUploadRetry(t *testing.T) {
	var bodies []string
	var lengths []int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		bodies = append(bodies, string(data))
		lengths = append(lengths, r.ContentLength)
		if len(bodies) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(503)
			return
		}
		w.WriteHeader(201)
	}))
	t.Cleanup(srv.Close)
	s := sdk.New(sdk.WithServerURL(srv.URL))
	call := func(content io.Reader) (*operations.FilesCreateResponse, error) {
		bodies, lengths = nil, nil
		return s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
			FilesCreateRequestBody: operations.FilesCreateRequestBody{
				File:    types.File{Name: "f.bin", Content: content},
				Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
			},
		})
	}
	res, err := call(strings.NewReader("data"))
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("seekable: res %v, err %v", res, err)
	}
	if len(bodies) != 2 || bodies[0] != bodies[1] || !strings.Contains(bodies[1], "data") || lengths[1] != int64(len(bodies[1])) {
		t.Errorf("seekable: %d attempts, bodies %q, lengths %v", len(bodies), bodies, lengths)
	}
	res, err = call(io.MultiReader(strings.NewReader("data")))
	if err == nil || res == nil || res.StatusCode != 503 {
		t.Fatalf("stream: res %v, err %v", res, err)
	}
	if len(bodies) != 1 || lengths[0] != -1 {
		t.Errorf("stream: %d attempts (want 1), length %v (want -1: chunked)", len(bodies), lengths)
	}
}

// TestSizedUpload: a file of known size (an *os.File) goes up with the
// body's Content-Length, not chunked, and still streamed.
func TestSizedUpload(t *testing.T) {
	const size = 16 << 20
	f, err := os.CreateTemp(t.TempDir(), "upload")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, io.LimitReader(&pattern{}, size)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var length, read int64
	var chunked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		length, chunked = r.ContentLength, r.TransferEncoding
		read, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(201)
	}))
	t.Cleanup(srv.Close)
	s := sdk.New(sdk.WithServerURL(srv.URL))
	var callErr error
	grew := heapGrowth(func() {
		_, callErr = s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
			FilesCreateRequestBody: operations.FilesCreateRequestBody{
				File:    types.File{Name: "big.bin", Content: f},
				Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
			},
		})
	})
	if callErr != nil {
		t.Fatal(callErr)
	}
	if length != read || length <= size || len(chunked) != 0 {
		t.Errorf("Content-Length %d, %d bytes read, transfer encoding %v", length, read, chunked)
	}
	if grew > 16<<20 {
		t.Errorf("heap grew by %d MiB uploading a 16 MiB file", grew>>20)
	}
}

// TestHostileNames: a file name and a content type cannot break out of
// their part's header.
func TestHostileNames(t *testing.T) {
	var got []part
	first := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if first {
			// (The second request is cut short by the client.)
			first = false
			got = readParts(t, r.Header.Get("Content-Type"), r.Body)
		}
		w.WriteHeader(201)
	}))
	t.Cleanup(srv.Close)
	s := sdk.New(sdk.WithServerURL(srv.URL))
	_, err := s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
		FilesCreateRequestBody: operations.FilesCreateRequestBody{
			File:    types.File{Name: "a\"; name=\"purpose\r\nX-Evil: 1\r\n\r\nb.png", Content: strings.NewReader("data")},
			Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].name != "file" || got[0].data != "data" || got[1].name != "purpose" {
		t.Fatalf("parts %+v", got)
	}
	// Quoted as browsers do: a quote, CR and LF percent-encoded.
	if want := "a%22; name=%22purpose%0D%0AX-Evil: 1%0D%0A%0D%0Ab.png"; got[0].file != want {
		t.Errorf("file name %q, want %q", got[0].file, want)
	}
	_, err = s.Files.FilesCreate(context.Background(), operations.FilesCreateRequest{
		FilesCreateRequestBody: operations.FilesCreateRequestBody{
			File:    types.File{Name: "x", ContentType: "image/png\r\nX-Evil: 1", Content: strings.NewReader("data")},
			Purpose: operations.FilesCreateRequestBodyPurposeEnumBatch,
		},
	})
	if err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("a content type with a line break: err %v", err)
	}
}
