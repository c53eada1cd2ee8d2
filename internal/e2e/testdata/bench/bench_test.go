package bench

// The SDK generated from ../shared/specs/vault.yml beside a hand-written
// net/http + encoding/json client making the same requests and decoding
// the same answers into the same types, over httptest, in the same run:
// a sessionsCreate round trip, and a 50 KB consumersAll page.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	sdk "openapi"
	"openapi/pkg/models/operations"
	"openapi/pkg/models/shared"
)

const sessionAnswer = `{"status_code":200,"status":"OK","data":{"session_uri":"https://vault.apideck.com/session/eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9","session_token":"eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJhcHBsaWNhdGlvbl9pZCI6ImNvbnN1bWVyIn0.aGVsbG8"}}`

// consumersPage is a consumersAll answer of about 50 KB.
func consumersPage() string {
	var b strings.Builder
	b.WriteString(`{"status_code":200,"status":"OK","data":[`)
	for i := 0; b.Len() < 50_000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"consumer_id":"consumer-%d","application_id":"app-1","metadata":{"account_name":"Account %d","user_name":"User %d","email":"user%d@example.com","image":"https://example.com/u/%d.png"},"aggregated_request_count":%d,"request_counts":{"unify":%d,"proxy":3,"vault":7},"created":"2026-01-01T00:00:00Z","modified":"2026-02-01T00:00:00Z","request_count_updated":"2026-02-01T00:00:00Z","services":["salesforce","hubspot"]}`, i, i, i, i, i, i*10, i*9)
	}
	b.WriteString(`],"meta":{"items_on_page":100,"cursors":{"previous":"cHJldg==","current":"Y3Vy","next":"bmV4dA=="}},"links":{"previous":"https://unify.apideck.com/vault/consumers?cursor=cHJldg%3D%3D","current":"https://unify.apideck.com/vault/consumers","next":"https://unify.apideck.com/vault/consumers?cursor=bmV4dA%3D%3D"}}`)
	return b.String()
}

func server(b *testing.B, answer string) *httptest.Server {
	body := []byte(answer)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

var session = shared.Session{
	ConsumerMetadata: &shared.ConsumerMetadata{AccountName: sdk.String("SpaceX"), Email: sdk.String("elon@musk.com"), UserName: sdk.String("Elon Musk")},
	RedirectURI:      sdk.String("https://mysaas.com/dashboard"),
}

// handSessionsCreate is what a careful engineer writes by hand.
func handSessionsCreate(ctx context.Context, client *http.Client, base string) (*shared.CreateSessionResponse, error) {
	data, err := json.Marshal(session)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", base+"/vault/sessions", bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-apideck-app-id", "app")
	req.Header.Set("x-apideck-consumer-id", "consumer")
	req.Header.Set("Authorization", "key")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d", res.StatusCode)
	}
	var out shared.CreateSessionResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, err
	}
	return &out, nil
}

func handConsumersAll(ctx context.Context, client *http.Client, base string) (*shared.GetConsumersResponse, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/vault/consumers?limit=100", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("x-apideck-app-id", "app")
	req.Header.Set("Authorization", "key")
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode >= 400 {
		return nil, fmt.Errorf("status %d", res.StatusCode)
	}
	var out shared.GetConsumersResponse
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, err
	}
	return &out, nil
}

func BenchmarkSDK(b *testing.B) {
	ctx := context.Background()
	fmt.Println("baseline sessionsCreate: handwritten (net/http + encoding/json, the same request and answer)")
	fmt.Println("baseline consumersAll-50KB: handwritten (net/http + encoding/json, the same request and answer)")

	b.Run("sessionsCreate/handwritten", func(b *testing.B) {
		srv := server(b, sessionAnswer)
		client := srv.Client()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := handSessionsCreate(ctx, client, srv.URL); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sessionsCreate/generated", func(b *testing.B) {
		srv := server(b, sessionAnswer)
		s := sdk.New(sdk.WithServerURL(srv.URL), sdk.WithClient(srv.Client()))
		req := operations.SessionsCreateRequest{Session: &session, AppID: "app", ConsumerID: "consumer"}
		sec := operations.SessionsCreateSecurity{APIKey: "key"}
		b.ReportAllocs()
		for b.Loop() {
			if res, err := s.Sessions.SessionsCreate(ctx, req, sec); err != nil || res.CreateSessionResponse == nil {
				b.Fatal(err)
			}
		}
	})
	page := consumersPage()
	b.Run("consumersAll-50KB/handwritten", func(b *testing.B) {
		srv := server(b, page)
		client := srv.Client()
		b.ReportAllocs()
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			if out, err := handConsumersAll(ctx, client, srv.URL); err != nil || len(out.Data) == 0 {
				b.Fatal(err)
			}
		}
	})
	b.Run("consumersAll-50KB/generated", func(b *testing.B) {
		srv := server(b, page)
		s := sdk.New(sdk.WithServerURL(srv.URL), sdk.WithClient(srv.Client()))
		req := operations.ConsumersAllRequest{AppID: "app", Limit: sdk.Int64(100)}
		sec := operations.ConsumersAllSecurity{APIKey: "key"}
		b.ReportAllocs()
		b.SetBytes(int64(len(page)))
		for b.Loop() {
			if res, err := s.Consumers.ConsumersAll(ctx, req, sec); err != nil || len(res.GetConsumersResponse.Data) == 0 {
				b.Fatal(err)
			}
		}
	})
}
