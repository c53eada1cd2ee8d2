package pagination

// The SDK of testdata/shapes/65-pagination.yml: x-speakeasy-pagination of
// each kind (offsetLimit with an offset, with a page number; cursor with a
// next cursor that is absent on the last page).

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"

	pages "pages"
	"pages/pkg/models/operations"
	"pages/pkg/models/sdkerrors"
	"pages/pkg/models/shared"
	"pages/pkg/retry"
)

// pets are the items the servers page through: ids 1 to 5.
func pets(from, to int) []map[string]any {
	var out []map[string]any
	for id := from; id <= to && id <= 5; id++ {
		out = append(out, map[string]any{"id": id, "name": "pet" + strconv.Itoa(id)})
	}
	if out == nil {
		out = []map[string]any{}
	}
	return out
}

func ids(seq func(yield func(shared.Pet, error) bool)) func(yield func(int64, error) bool) {
	return func(yield func(int64, error) bool) {
		for p, err := range seq {
			if !yield(p.ID, err) {
				return
			}
		}
	}
}

// offsets serves pets by offset and limit (2 when unset); fail, when set,
// answers the second request instead.
func offsets(t *testing.T, fail http.HandlerFunc) *server {
	var s *server
	s = newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if fail != nil && s.count() == 2 {
			fail(w, r)
			return
		}
		q := r.URL.Query()
		off, _ := strconv.Atoi(q.Get("offset"))
		limit := 2
		if l := q.Get("limit"); l != "" {
			limit, _ = strconv.Atoi(l)
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"pets": pets(off+1, off+limit)}})
	})
	return s
}

var (
	want5   = []int64{1, 2, 3, 4, 5}
	noRetry = operations.WithRetries(retry.Config{Strategy: "none"})
)

func TestOffsetThreePages(t *testing.T) {
	s := offsets(t, nil)
	sdk := pages.New(pages.WithServerURL(s.URL))
	got, errs := collect(ids(sdk.Pets.ListPetsIter(context.Background(), operations.ListPetsRequest{Limit: pages.Int64(2)})), -1)
	if len(errs) != 0 || !equal(got, want5) {
		t.Fatalf("items %v, errors %v; want %v", got, errs, want5)
	}
	if n := s.count(); n != 3 {
		t.Errorf("%d requests, want 3 (the third page, shorter than the limit, is the last)", n)
	}
	// Without a limit, the last page is the empty one.
	s = offsets(t, nil)
	sdk = pages.New(pages.WithServerURL(s.URL))
	got, errs = collect(ids(sdk.Pets.ListPetsIter(context.Background(), operations.ListPetsRequest{})), -1)
	if len(errs) != 0 || !equal(got, want5) || s.count() != 4 {
		t.Errorf("no limit: items %v, errors %v after %d requests; want %v after 4", got, errs, s.count(), want5)
	}
	// Ranging again starts again: the request passed in is not changed.
	s = offsets(t, nil)
	sdk = pages.New(pages.WithServerURL(s.URL))
	seq := ids(sdk.Pets.ListPetsIter(context.Background(), operations.ListPetsRequest{Offset: pages.Int64(2), Limit: pages.Int64(2)}))
	first, _ := collect(seq, -1)
	second, _ := collect(seq, -1)
	if !equal(first, []int64{3, 4, 5}) || !equal(second, first) {
		t.Errorf("from offset 2, twice: %v then %v, want [3 4 5] both times", first, second)
	}
}

func TestOffsetErrorOnPageTwo(t *testing.T) {
	s := offsets(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"message": "boom"})
	})
	sdk := pages.New(pages.WithServerURL(s.URL))
	got, errs := collect(ids(sdk.Pets.ListPetsIter(context.Background(), operations.ListPetsRequest{Limit: pages.Int64(2)}, noRetry)), -1)
	if !equal(got, []int64{1, 2}) {
		t.Errorf("items %v, want the first page's [1 2]", got)
	}
	var apiErr *sdkerrors.APIError
	if len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("errors %v, want one APIError of the 500", errs)
	}
	if n := s.count(); n != 2 {
		t.Errorf("%d requests, want 2 (no retry, the error ends the loop)", n)
	}
}

func TestOffsetBreak(t *testing.T) {
	s := offsets(t, nil)
	sdk := pages.New(pages.WithServerURL(s.URL))
	got, _ := collect(ids(sdk.Pets.ListPetsIter(context.Background(), operations.ListPetsRequest{Limit: pages.Int64(2)})), 1)
	if !equal(got, []int64{1}) || s.count() != 1 {
		t.Errorf("items %v after %d requests, want [1] after 1", got, s.count())
	}
}

func TestPageNumbers(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		page, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil {
			t.Errorf("request %s: no page number", r.URL)
		}
		writeJSON(w, http.StatusOK, map[string]any{"pets": pets(2*page-1, 2*page)})
	})
	sdk := pages.New(pages.WithServerURL(s.URL))
	// Page 1 is asked for explicitly, then 2, 3 and the empty 4: the
	// spec's default (1) stands for an unset page.
	got, errs := collect(ids(sdk.Pets.ListPetPagesIter(context.Background(), operations.ListPetPagesRequest{Page: pages.Int64(1)})), -1)
	if len(errs) != 0 || !equal(got, want5) || s.count() != 4 {
		t.Errorf("items %v, errors %v after %d requests; want %v after 4 (the empty page is the last)", got, errs, s.count(), want5)
	}
}

func TestCursorAbsentOnLastPage(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("after") {
		case "":
			writeJSON(w, http.StatusOK, map[string]any{"pets": pets(1, 2), "next_cursor": "p2"})
		case "p2":
			writeJSON(w, http.StatusOK, map[string]any{"pets": pets(3, 4), "next_cursor": "p3"})
		case "p3":
			writeJSON(w, http.StatusOK, map[string]any{"pets": pets(5, 5)})
		default:
			t.Errorf("unexpected cursor in %s", r.URL)
		}
	})
	sdk := pages.New(pages.WithServerURL(s.URL))
	got, errs := collect(ids(sdk.Pets.ListPetsAfterIter(context.Background(), operations.ListPetsAfterRequest{})), -1)
	if len(errs) != 0 || !equal(got, want5) || s.count() != 3 {
		t.Errorf("items %v, errors %v after %d requests; want %v after 3", got, errs, s.count(), want5)
	}
}
