package model

import (
	"regexp"
	"testing"

	_ "github.com/oasgo/gen/internal/testflags"
)

// The names the reference SDK uses, and the edge cases of the rule.
func TestPascal(t *testing.T) {
	for in, want := range map[string]string{
		"redirect_uri":       "RedirectURI",
		"x-apideck-app-id":   "XApideckAppID",
		"UnifiedApiId":       "UnifiedAPIID",
		"unified_apis":       "UnifiedApis",
		"sessionsCreate":     "SessionsCreate",
		"privacy_url":        "PrivacyURL",
		"OAuthGrantType":     "OAuthGrantType",
		"HTTPServer":         "HTTPServer",
		"UPPER_CASE":         "UpperCase",
		"2fa":                "N2fa",
		"type":               "Type",
		"":                   "Empty",
		"名前":                 "X名前",
		"crm.notes.updated":  "CrmNotesUpdated",
		"customer-support":   "CustomerSupport",
		"application/json":   "ApplicationJSON",
		"consumer_id":        "ConsumerID",
		"sidepanel_bg_color": "SidepanelBgColor",
	} {
		if got := Pascal(in); got != want {
			t.Errorf("Pascal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnumValueName(t *testing.T) {
	for in, want := range map[string]string{"*": "Star", "-": "Minus", "": "Empty", "a-b": "AB", "*/": "StarSlash"} {
		if got := EnumValueName(in); got != want {
			t.Errorf("EnumValueName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamerSuffixes(t *testing.T) {
	n := NewNamer("Security")
	for _, want := range []string{"Security2", "Security3"} {
		if got := n.Claim("Security", "x", Pos{}); got != want {
			t.Errorf("Claim = %q, want %q", got, want)
		}
	}
}

func TestMatchPattern(t *testing.T) {
	for _, p := range []string{`^[A-Z][a-z]+-[0-9]{2}$`, `^s-[0-9a-f]{8}$`, `^\d{3}-\d{4}$`, `^(foo|bar)+$`} {
		s, ok := PatternExample(p)
		if !ok {
			t.Errorf("no string for %s", p)
			continue
		}
		if !matches(p, s) {
			t.Errorf("%q does not match %s", s, p)
		}
	}
}

func matches(p, s string) bool {
	ok, err := regexp.MatchString(p, s)
	return err == nil && ok
}
