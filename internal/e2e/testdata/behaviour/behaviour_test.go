// Behaviour tests of the generated SDK over real HTTP round trips. This file
// lives under testdata (ignored by the go tool): TestGeneratedSDKBehaviour in
// internal/e2e copies it into a temporary module that imports "openapi"
// (replaced by generated/) and github.com/oasgo/gen (for specserver), next to
// a generated spec_path_test.go declaring specPath.
package behaviour

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/oasgo/gen/testkit/specserver"

	"openapi"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/sdkerrors"
	"openapi/pkg/models/shared"
)

const okBody = `{"status_code":200,"status":"OK","data":{"session_uri":"https://vault.example/session/abc","session_token":"tok-abc"}}`

// seen is one request as the server received it.
type seen struct {
	Method, Path string
	Header       http.Header
	Body         []byte
	ContentLen   int64
	TE           []string
}

// recorder is an httptest.Server that records requests and answers with a
// fixed status, Content-Type and body.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

func newRecorder(t *testing.T, status int, contentType, body string) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server: reading body: %v", err)
		}
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, seen{r.Method, r.URL.Path, r.Header.Clone(), data, r.ContentLength, r.TransferEncoding})
		rec.mu.Unlock()
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) only(t *testing.T) seen {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(r.reqs))
	}
	return r.reqs[0]
}

func request(session *shared.Session) operations.SessionsCreateRequest {
	return operations.SessionsCreateRequest{
		Session:            session,
		XApideckAppID:      "app-123",
		XApideckConsumerID: "consumer-456",
	}
}

var security = operations.SessionsCreateSecurity{APIKey: "sk_live_abc"}

// call runs SessionsCreate, turning a panic into a test failure.
func call(t *testing.T, s *sdk.SDK, ctx context.Context, req operations.SessionsCreateRequest, sec operations.SessionsCreateSecurity) (res *operations.SessionsCreateResponse, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("SessionsCreate panicked: %v", p)
		}
	}()
	return s.Sessions.SessionsCreate(ctx, req, sec)
}

func fullSession() *shared.Session {
	return &shared.Session{
		ConsumerMetadata: &shared.ConsumerMetadata{AccountName: sdk.String("SpaceX"), Email: sdk.String("elon@musk.com")},
		CustomConsumerSettings: map[string]interface{}{
			"omnis": "necessitatibus",
		},
		RedirectURI: sdk.String("https://mysaas.com/dashboard"),
		Settings: &shared.SessionSettings{
			AllowActions:  []shared.SessionSettingsAllowActionsEnum{shared.SessionSettingsAllowActionsEnumReauthorize},
			ShowLogs:      sdk.Bool(false),
			SessionLength: sdk.String("30m"),
			UnifiedApis:   []shared.UnifiedAPIIDEnum{shared.UnifiedAPIIDEnumCrm},
		},
		Theme: &shared.SessionTheme{PrimaryColor: sdk.String("#286efa")},
	}
}

func TestRequest(t *testing.T) {
	t.Run("nil body sends no body and no Content-Type", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
		if err != nil {
			t.Fatal(err)
		}
		got := srv.only(t)
		if len(got.Body) != 0 || got.ContentLen != 0 || len(got.TE) != 0 {
			t.Errorf("body %q (Content-Length %d, Transfer-Encoding %v), want none", got.Body, got.ContentLen, got.TE)
		}
		if ct, ok := got.Header["Content-Type"]; ok {
			t.Errorf("Content-Type %q sent without a body", ct)
		}
		if got.Method != "POST" || got.Path != "/vault/sessions" {
			t.Errorf("%s %s, want POST /vault/sessions", got.Method, got.Path)
		}
		for name, want := range map[string]string{
			"x-apideck-app-id":      "app-123",
			"x-apideck-consumer-id": "consumer-456",
			"Authorization":         "sk_live_abc",
			"Accept":                "application/json",
		} {
			if v := got.Header.Values(name); len(v) != 1 || v[0] != want {
				t.Errorf("header %s = %q, want [%q]", name, v, want)
			}
		}
		if res == nil || res.StatusCode != 200 || res.CreateSessionResponse == nil ||
			res.CreateSessionResponse.Data.GetSessionToken() != "tok-abc" {
			t.Errorf("response not decoded: %+v", res)
		}
	})

	t.Run("Authorization is sent verbatim", func(t *testing.T) {
		for _, key := range []string{"plain-key", "Bearer already-prefixed", "bearer lower"} {
			srv := newRecorder(t, 200, "application/json", okBody)
			if _, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), operations.SessionsCreateSecurity{APIKey: key}); err != nil {
				t.Fatal(err)
			}
			if got := srv.only(t).Header.Get("Authorization"); got != key {
				t.Errorf("Authorization = %q, want %q", got, key)
			}
		}
	})

	t.Run("empty API key sends no Authorization", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		if _, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), operations.SessionsCreateSecurity{}); err != nil {
			t.Fatal(err)
		}
		if v, ok := srv.only(t).Header["Authorization"]; ok {
			t.Errorf("Authorization %q sent for an empty key", v)
		}
	})

	t.Run("body is the JSON of the session", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		if _, err := call(t, sdk.New(sdk.WithServerURL(srv.URL+"/")), context.Background(), request(fullSession()), security); err != nil {
			t.Fatal(err)
		}
		got := srv.only(t)
		if got.Path != "/vault/sessions" {
			t.Errorf("path %q with a trailing slash in the server URL", got.Path)
		}
		if ct := got.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		want := `{"consumer_metadata":{"account_name":"SpaceX","email":"elon@musk.com"},"custom_consumer_settings":{"omnis":"necessitatibus"},"redirect_uri":"https://mysaas.com/dashboard","settings":{"allow_actions":["reauthorize"],"session_length":"30m","show_logs":false,"unified_apis":["crm"]},"theme":{"primary_color":"#286efa"}}`
		if !jsonEqual(got.Body, []byte(want)) {
			t.Errorf("body\n%s\nwant\n%s", got.Body, want)
		}
		if got.ContentLen != int64(len(got.Body)) {
			t.Errorf("Content-Length %d for a %d-byte body", got.ContentLen, len(got.Body))
		}
	})

	t.Run("templated server URL", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		s := sdk.New(sdk.WithTemplatedServerURL(srv.URL+"/{version}", map[string]string{"version": "v9"}))
		if _, err := call(t, s, context.Background(), request(nil), security); err != nil {
			t.Fatal(err)
		}
		if p := srv.only(t).Path; p != "/v9/vault/sessions" {
			t.Errorf("path = %q, want /v9/vault/sessions", p)
		}
	})

	t.Run("requests match the spec", func(t *testing.T) {
		srv, err := specserver.New(specPath)
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		s := sdk.New(sdk.WithServerURL(srv.URL()))
		for _, session := range []*shared.Session{nil, {}, fullSession()} {
			res, err := call(t, s, context.Background(), request(session), security)
			if err != nil {
				t.Errorf("session %+v: %v", session, err)
				continue
			}
			if res.CreateSessionResponse == nil || res.CreateSessionResponse.Status != "OK" {
				t.Errorf("the spec's example was not decoded: %+v", res)
			}
		}
		recs := srv.Requests()
		if len(recs) != 3 {
			t.Fatalf("server recorded %d requests, want 3: %v", len(recs), recs)
		}
		for _, rec := range recs {
			if !rec.Valid || rec.ResponseError != "" {
				t.Errorf("specserver: %v", rec)
			}
		}
	})
}

func jsonEqual(a, b []byte) bool {
	var x, y interface{}
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}

// errorFields are the response fields of the error models.
var errorFields = []string{"BadRequestResponse", "UnauthorizedResponse", "PaymentRequiredResponse", "NotFoundResponse", "UnprocessableResponse", "UnexpectedErrorResponse"}

func TestErrorStatuses(t *testing.T) {
	cases := []struct {
		status int
		field  string
	}{
		{400, "BadRequestResponse"},
		{401, "UnauthorizedResponse"},
		{402, "PaymentRequiredResponse"},
		{404, "NotFoundResponse"},
		{422, "UnprocessableResponse"},
		{500, "UnexpectedErrorResponse"}, // undocumented: default
		{409, "UnexpectedErrorResponse"}, // undocumented 4xx: default
		{503, "UnexpectedErrorResponse"},
	}
	for _, tc := range cases {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			body := `{"status_code":` + itoa(tc.status) + `,"error":"` + http.StatusText(tc.status) + `","type_name":"SomeError","message":"msg ` + itoa(tc.status) + `","detail":"why","ref":"https://developers.apideck.com/errors"}`
			srv := newRecorder(t, tc.status, "application/json; charset=utf-8", body)
			res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
			if err == nil {
				t.Fatal("no error for an error status")
			}
			if res == nil {
				t.Fatalf("nil response with error %v", err)
			}
			if res.StatusCode != tc.status || res.RawResponse == nil || res.RawResponse.StatusCode != tc.status {
				t.Errorf("StatusCode %d, want %d", res.StatusCode, tc.status)
			}
			if res.CreateSessionResponse != nil {
				t.Error("CreateSessionResponse set for an error")
			}
			rv := reflect.ValueOf(res).Elem()
			var typed interface{}
			for _, name := range errorFields {
				f := rv.FieldByName(name)
				if name == tc.field {
					if f.IsNil() {
						t.Fatalf("%s is nil", name)
					}
					typed = f.Interface()
					if msg := f.Elem().FieldByName("Message"); msg.IsNil() || msg.Elem().String() != "msg "+itoa(tc.status) {
						t.Errorf("%s.Message not decoded", name)
					}
				} else if !f.IsNil() {
					t.Errorf("%s set for status %d", name, tc.status)
				}
			}
			var apiErr *sdkerrors.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %T (%v) is not a *sdkerrors.APIError", err, err)
			}
			if apiErr.StatusCode != tc.status {
				t.Errorf("APIError.StatusCode = %d", apiErr.StatusCode)
			}
			if !bytes.Equal(apiErr.Body, []byte(body)) {
				t.Errorf("APIError.Body = %q, want %q", apiErr.Body, body)
			}
			if apiErr.Model != typed {
				t.Errorf("APIError.Model = %#v, want the same pointer as res.%s (%p)", apiErr.Model, tc.field, typed)
			}
			if apiErr.Operation != "sessionsCreate" || apiErr.ContentType != "application/json; charset=utf-8" || apiErr.RawResponse != res.RawResponse {
				t.Errorf("APIError = %+v", apiErr)
			}
			if msg := err.Error(); !strings.Contains(msg, "sessionsCreate") || !strings.Contains(msg, itoa(tc.status)) {
				t.Errorf("error text %q names neither the operation nor the status", msg)
			}
			if raw, _ := io.ReadAll(res.RawResponse.Body); !bytes.Equal(raw, []byte(body)) {
				t.Errorf("RawResponse.Body cannot be read again: %q", raw)
			}
		})
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestAnyOfDetail(t *testing.T) {
	t.Run("string", func(t *testing.T) {
		srv := newRecorder(t, 400, "application/json", `{"status_code":400,"detail":"Missing property foobar"}`)
		res, _ := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
		d := res.BadRequestResponse.GetDetail()
		if d == nil || d.String == nil || *d.String != "Missing property foobar" || d.MapOfAny != nil {
			t.Fatalf("detail = %+v", d)
		}
		if d.GetString() != d.String || d.GetMapOfAny() != nil {
			t.Errorf("accessors: %v %v", d.GetString(), d.GetMapOfAny())
		}
		var none *shared.BadRequestResponseDetail
		if none.GetString() != nil {
			t.Error("nil union accessor")
		}
		if out, err := json.Marshal(d); err != nil || string(out) != `"Missing property foobar"` {
			t.Errorf("re-encoded as %s, %v", out, err)
		}
	})
	t.Run("object", func(t *testing.T) {
		srv := newRecorder(t, 400, "application/json", `{"status_code":400,"detail":{"missing":[{"foobar":"required"}]}}`)
		res, _ := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
		d := res.BadRequestResponse.GetDetail()
		if d == nil || d.String != nil || d.MapOfAny == nil {
			t.Fatalf("detail = %+v", d)
		}
		missing, ok := d.MapOfAny["missing"].([]interface{})
		if !ok || len(missing) != 1 || !reflect.DeepEqual(missing[0], map[string]interface{}{"foobar": "required"}) {
			t.Errorf("detail.missing = %#v", d.MapOfAny["missing"])
		}
		if out, err := json.Marshal(d); err != nil || string(out) != `{"missing":[{"foobar":"required"}]}` {
			t.Errorf("re-encoded as %s, %v", out, err)
		}
	})
	t.Run("other models", func(t *testing.T) {
		var nf shared.NotFoundResponse
		if err := json.Unmarshal([]byte(`{"detail":{"not_found":{"entity":"widget","id":"123"}}}`), &nf); err != nil || nf.Detail == nil || nf.Detail.MapOfAny == nil {
			t.Errorf("NotFoundResponse object detail: %+v, %v", nf.Detail, err)
		}
		var ue shared.UnexpectedErrorResponse
		if err := json.Unmarshal([]byte(`{"detail":"Missing Header: x-apideck-consumer-id"}`), &ue); err != nil || ue.Detail == nil || ue.Detail.String == nil {
			t.Errorf("UnexpectedErrorResponse string detail: %+v, %v", ue.Detail, err)
		}
		var br shared.BadRequestResponse
		if err := json.Unmarshal([]byte(`{"detail":12}`), &br); err == nil {
			t.Errorf("a number decoded as detail: %+v", br.Detail)
		}
	})
}

func TestUnknownEnumValues(t *testing.T) {
	t.Run("200 decodes", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
		if err != nil || res.CreateSessionResponse == nil || res.CreateSessionResponse.GetStatusCode() != 200 ||
			res.CreateSessionResponse.Data.GetSessionURI() != "https://vault.example/session/abc" {
			t.Fatalf("res %+v, err %v", res, err)
		}
	})
	t.Run("UnifiedAPIIDEnum", func(t *testing.T) {
		var apis []shared.UnifiedAPIIDEnum
		if err := json.Unmarshal([]byte(`["crm","some-new-api"]`), &apis); err != nil {
			t.Fatalf("unknown value rejected: %v", err)
		}
		if len(apis) != 2 || apis[0] != shared.UnifiedAPIIDEnumCrm || apis[1] != "some-new-api" {
			t.Fatalf("decoded %q", apis)
		}
		if !apis[0].IsKnown() || !shared.UnifiedAPIIDEnumCrm.IsKnown() {
			t.Error("crm is not known")
		}
		if apis[1].IsKnown() {
			t.Error("some-new-api is known")
		}
		if err := json.Unmarshal([]byte(`[5]`), &apis); err == nil {
			t.Error("a number decoded as UnifiedAPIIDEnum")
		}
	})
	t.Run("inside a model", func(t *testing.T) {
		var s shared.Session
		if err := json.Unmarshal([]byte(`{"settings":{"allow_actions":["disable","fly"],"unified_apis":["teleport"]}}`), &s); err != nil {
			t.Fatal(err)
		}
		acts := s.GetSettings().GetAllowActions()
		if len(acts) != 2 || !acts[0].IsKnown() || acts[1].IsKnown() || acts[1] != "fly" {
			t.Errorf("allow_actions = %q", acts)
		}
		if apis := s.GetSettings().GetUnifiedApis(); len(apis) != 1 || apis[0] != "teleport" || apis[0].IsKnown() {
			t.Errorf("unified_apis = %q", apis)
		}
	})
}

func TestNonJSONErrorBody(t *testing.T) {
	const page = "<html><body><h1>502 Bad Gateway</h1></body></html>\n"
	srv := newRecorder(t, 502, "text/html", page)
	res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
	var apiErr *sdkerrors.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %T (%v) is not a *sdkerrors.APIError", err, err)
	}
	if string(apiErr.Body) != page || apiErr.StatusCode != 502 || apiErr.Model != nil || apiErr.ContentType != "text/html" {
		t.Errorf("APIError = %+v (body %q)", apiErr, apiErr.Body)
	}
	if res == nil || res.StatusCode != 502 || res.ContentType != "text/html" {
		t.Fatalf("res = %+v", res)
	}
	if res.UnexpectedErrorResponse != nil {
		t.Error("UnexpectedErrorResponse set from an HTML body")
	}
	if !strings.Contains(err.Error(), "502") {
		t.Errorf("error text %q", err)
	}

	t.Run("JSON Content-Type with a non-JSON body", func(t *testing.T) {
		srv := newRecorder(t, 400, "application/json", page)
		res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
		var apiErr *sdkerrors.APIError
		if !errors.As(err, &apiErr) || apiErr.Model != nil || string(apiErr.Body) != page {
			t.Errorf("err = %v", err)
		}
		if res == nil || res.StatusCode != 400 || res.BadRequestResponse != nil {
			t.Errorf("res = %+v", res)
		}
	})
}

func TestMalformedJSON200(t *testing.T) {
	srv := newRecorder(t, 200, "application/json", `{"status_code":200,"data":{`)
	_, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
	if err == nil {
		t.Fatal("no error for a malformed 200 body")
	}
	if !strings.Contains(err.Error(), "sessionsCreate") {
		t.Errorf("error %q does not name the operation", err)
	}
	var apiErr *sdkerrors.APIError
	if errors.As(err, &apiErr) {
		t.Errorf("a decoding failure of a 200 is an APIError: %v", err)
	}
	var syntaxErr *json.SyntaxError
	if !errors.As(err, &syntaxErr) && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("error %q does not wrap the JSON error", err)
	}
}

// A success body in a media type the spec does not document is an error,
// not a silent success with every field nil; an empty one is not.
func TestUndocumentedSuccessContentType(t *testing.T) {
	srv := newRecorder(t, 200, "text/plain", okBody)
	res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
	if err == nil || !strings.Contains(err.Error(), "unexpected Content-Type") || !strings.Contains(err.Error(), "sessionsCreate") {
		t.Fatalf("err = %v, want an unexpected Content-Type error naming sessionsCreate", err)
	}
	if res == nil || res.StatusCode != 200 {
		t.Fatalf("res = %+v, want the response with status 200", res)
	}
	empty := newRecorder(t, 200, "text/plain", "")
	if _, err := call(t, sdk.New(sdk.WithServerURL(empty.URL)), context.Background(), request(nil), security); err != nil {
		t.Fatalf("an empty 200 body gave %v", err)
	}
}

// APIError.Error cuts long bodies without splitting a character.
func TestAPIErrorMessageIsValidUTF8(t *testing.T) {
	e := &sdkerrors.APIError{Operation: "op", StatusCode: 500, Body: []byte(strings.Repeat("a", 255) + "é and more")}
	if msg := e.Error(); !utf8.ValidString(msg) {
		t.Fatalf("Error() is not valid UTF-8: %q", msg)
	}
}

// A redirect is the API's answer: returned with its status, not followed.
func TestRedirectNotFollowed(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	t.Cleanup(srv.Close)
	res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security)
	if err != nil {
		t.Fatalf("err = %v", err)
	}
	if res.StatusCode != http.StatusFound || res.RawResponse.Header.Get("Location") != "/elsewhere" {
		t.Errorf("status %d, Location %q", res.StatusCode, res.RawResponse.Header.Get("Location"))
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("server saw %d requests: the redirect was followed", n)
	}
}

func TestContextCancellation(t *testing.T) {
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			release := make(chan struct{})
			var entered atomic.Bool
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				entered.Store(true)
				safety := time.NewTimer(10 * time.Second)
				defer safety.Stop()
				select {
				case <-r.Context().Done():
				case <-release:
				case <-safety.C:
				}
			}))
			defer srv.Close()
			defer close(release)

			ctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			res, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), ctx, request(fullSession()), security)
			elapsed := time.Since(start)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want errors.Is %v", err, tc.want)
			}
			if res != nil {
				t.Errorf("res = %+v for a failed send", res)
			}
			if !strings.Contains(err.Error(), "sessionsCreate") {
				t.Errorf("error %q does not name the operation", err)
			}
			if elapsed > 5*time.Second {
				t.Errorf("returned after %v", elapsed)
			}
			if !entered.Load() {
				t.Error("the request never reached the server")
			}
			t.Logf("returned after %v", elapsed.Round(time.Millisecond))
		})
	}
}

func TestDefaults(t *testing.T) {
	t.Run("getters return spec defaults", func(t *testing.T) {
		s := &shared.SessionSettings{}
		if !s.GetShowLogs() || !s.GetShowSidebar() || s.GetSessionLength() != "1h" || s.GetAutoRedirect() ||
			s.GetHideGuides() || s.GetSandboxMode() || s.GetIsolationMode() || s.GetShowSuggestions() || s.GetHideResourceSettings() {
			t.Errorf("defaults: show_logs %v show_sidebar %v session_length %q auto_redirect %v",
				s.GetShowLogs(), s.GetShowSidebar(), s.GetSessionLength(), s.GetAutoRedirect())
		}
		set := &shared.SessionSettings{ShowLogs: sdk.Bool(false), SessionLength: sdk.String("30m"), AutoRedirect: sdk.Bool(true)}
		if set.GetShowLogs() || set.GetSessionLength() != "30m" || !set.GetAutoRedirect() {
			t.Error("getters ignore values that are set")
		}
	})
	t.Run("nil receivers", func(t *testing.T) {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("getter on nil panicked: %v", p)
			}
		}()
		var s *shared.SessionSettings
		if !s.GetShowLogs() || !s.GetShowSidebar() || s.GetSessionLength() != "1h" || s.GetAutoRedirect() || s.GetAllowActions() != nil {
			t.Error("nil *SessionSettings getters do not return the defaults")
		}
		var sess *shared.Session
		if sess.GetSettings() != nil || !sess.GetSettings().GetShowLogs() {
			t.Error("chained getters through a nil *Session")
		}
		var res *shared.CreateSessionResponse
		if data := res.GetData(); data.GetSessionToken() != "" {
			t.Error("nil *CreateSessionResponse")
		}
	})
	t.Run("defaults are never sent", func(t *testing.T) {
		for _, tc := range []struct {
			v    interface{}
			want string
		}{
			{shared.SessionSettings{}, `{}`},
			{shared.Session{}, `{}`},
			{shared.Session{Settings: &shared.SessionSettings{}}, `{"settings":{}}`},
			{shared.SessionSettings{ShowLogs: sdk.Bool(true), AutoRedirect: sdk.Bool(false)}, `{"auto_redirect":false,"show_logs":true}`},
		} {
			out, err := json.Marshal(tc.v)
			if err != nil || string(out) != tc.want {
				t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tc.v, out, err, tc.want)
			}
		}
	})
}

type countingTransport struct {
	n    atomic.Int32
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(req)
}

type countingClient struct {
	n atomic.Int32
	c *http.Client
}

func (c *countingClient) Do(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.c.Do(req)
}

func TestTransport(t *testing.T) {
	t.Run("default client uses http.DefaultTransport", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		orig := http.DefaultTransport
		counter := &countingTransport{next: orig}
		http.DefaultTransport = counter
		defer func() { http.DefaultTransport = orig }()

		if _, err := call(t, sdk.New(sdk.WithServerURL(srv.URL)), context.Background(), request(nil), security); err != nil {
			t.Fatal(err)
		}
		if n := counter.n.Load(); n != 1 {
			t.Errorf("http.DefaultTransport carried %d requests, want 1: the default client has its own transport", n)
		}
	})
	t.Run("WithClient is used", func(t *testing.T) {
		srv := newRecorder(t, 200, "application/json", okBody)
		orig := http.DefaultTransport
		counter := &countingTransport{next: orig}
		http.DefaultTransport = counter
		defer func() { http.DefaultTransport = orig }()

		client := &countingClient{c: srv.Client()}
		if _, err := call(t, sdk.New(sdk.WithServerURL(srv.URL), sdk.WithClient(client)), context.Background(), request(nil), security); err != nil {
			t.Fatal(err)
		}
		if client.n.Load() != 1 || counter.n.Load() != 0 {
			t.Errorf("custom client used %d times, http.DefaultTransport %d times", client.n.Load(), counter.n.Load())
		}
	})
	t.Run("default server", func(t *testing.T) {
		if len(sdk.ServerList) == 0 || sdk.ServerList[0] != "https://unify.apideck.com" {
			t.Errorf("ServerList = %q", sdk.ServerList)
		}
	})
}
