package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"unicode"
)

// Every text the UI passes through lang.L has a Chinese source entry and an English
// translation, and the English has no Chinese left in it.
func TestEveryUITextTranslated(t *testing.T) {
	read := func(name string) map[string]any {
		b, err := os.ReadFile(filepath.Join("..", "assets", "translations", name))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	zh, en := read("zh_Hans.json"), read("en.json")
	files, _ := filepath.Glob("*.go")
	call := regexp.MustCompile(`lang\.L\(("(?:[^"\\]|\\.)*")\)`)
	n := 0
	for _, f := range files {
		if matched, _ := filepath.Match("*_test.go", f); matched {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllSubmatch(src, -1) {
			key, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %s", f, m[1])
			}
			n++
			if zh[key] != any(key) {
				t.Errorf("%s: %q missing from zh_Hans.json", f, key)
			}
			if s, _ := en[key].(string); s == "" {
				t.Errorf("%s: %q has no English", f, key)
			}
		}
	}
	if n < 60 {
		t.Errorf("only %d texts go through lang.L", n)
	}
	for k, v := range en {
		for _, r := range fmt.Sprint(v) {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("English for %q is %q", k, v)
				break
			}
		}
	}
}

// 设置 offers the language and remembers the choice.
func TestSettingsChoosesLanguage(t *testing.T) {
	h := newHarness(t, true)
	h.u.Start("")
	h.u.onSettings()
	h.u.settings.SetSelected("English")
	if got := h.u.app.Preferences().String(prefLanguage); got != langEnglish {
		t.Errorf("language preference %q", got)
	}
}
