package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"dossier/assets"
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

// Where the system's locale cannot be changed (Windows), a language chosen in 设置 is loaded
// under the system's locale: Fyne's own texts (file dialog, buttons) must come with it, so our
// translation files carry them too. Checked in a child process: the language is process-wide.
func TestChosenLanguageCoversFyneTexts(t *testing.T) {
	if os.Getenv("DOSSIER_LANG_CHILD") == "" {
		for _, choice := range []string{"zh_Hans:en_US.UTF-8", "en:zh_CN.UTF-8"} {
			cmd := exec.Command(os.Args[0], "-test.run=^TestChosenLanguageCoversFyneTexts$", "-test.v")
			cmd.Env = append(os.Environ(), "DOSSIER_LANG_CHILD="+choice)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "PASS") {
				t.Errorf("%s: %v\n%s", choice, err, out)
			}
		}
		return
	}
	choice, sys, _ := strings.Cut(os.Getenv("DOSSIER_LANG_CHILD"), ":")
	os.Setenv("LANG", sys)
	os.Setenv("LANGUAGE", "")
	os.Setenv("LC_ALL", "")
	data, err := assets.Translations.ReadFile("translations/" + choice + ".json")
	if err != nil {
		t.Fatal(err)
	}
	// What SetupLanguage does when the choice differs from the system's locale.
	if err := lang.AddTranslationsForLocale(data, lang.SystemLocale()); err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"zh_Hans": {"Show Hidden Files": "显示隐藏的文件", "Folder": "文件夹", "Create Folder": "新建文件夹", "Cancel": "取消", "OK": "确定", "首页": "首页", "符合条件": "符合条件"},
		"en":      {"Show Hidden Files": "Show Hidden Files", "Folder": "Folder", "Create Folder": "Create Folder", "Cancel": "Cancel", "OK": "OK", "首页": "Home", "符合条件": "Eligible", "完整": "Complete"}, // statusText
	}[choice]
	for k, v := range want {
		if got := lang.L(k); got != v {
			t.Errorf("%s under %s: %q is %q, want %q", choice, sys, k, got, v)
		}
	}
}

// The file dialog's places (Fyne writes them in English) are named in the UI's language.
func TestFileDialogPlacesTranslated(t *testing.T) {
	h := newHarness(t, false)
	h.u.Start("")
	h.u.templates = newTemplatesScreen(h.u)
	h.u.templates.askDir(func(string) {})
	got := labelTexts(h.win.Canvas().Overlays().Top())
	if !strings.Contains(got, "主文件夹") || !strings.Contains(got, "计算机") || strings.Contains(got, "Home\n") || strings.Contains(got, "Computer\n") {
		t.Errorf("places:\n%s", got)
	}
	if !strings.Contains(got, "选择模板文件夹") {
		t.Errorf("title:\n%s", got)
	}
}
