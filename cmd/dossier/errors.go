package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"dossier/dossier/fsafe"
)

// describeError is the exit code and the Chinese message of an error a command returned. Our
// own errors (fail) carry both; an operating-system error (writing the output to a full disk)
// is described by fsafe, exit 3; cobra's few errors are put in Chinese, exit 2; anything else is
// our bug, exit 3, with a Chinese lead before the technical text.
func describeError(err error) (int, string) {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code, ee.msg
	}
	if isOSError(err) {
		return exitInternal, "无法完成：" + osErrorText(err)
	}
	if msg := cobraError(err); msg != "" {
		return exitInvalid, msg
	}
	return exitInternal, "内部错误，未能完成（请把以下信息告诉开发者）：" + err.Error()
}

func isOSError(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &se) || errors.As(err, &errno)
}

// osErrorText names the file (标准输出 for the output stream) and what went wrong, in Chinese.
func osErrorText(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return fsafe.Describe(err)
	}
	what := pe.Path
	switch pe.Path {
	case "/dev/stdout", os.Stdout.Name():
		what = "标准输出"
	case "/dev/stderr", os.Stderr.Name():
		what = "标准错误输出"
	}
	op := map[string]string{"write": "写入", "read": "读取", "open": "打开", "close": "关闭", "sync": "写入磁盘"}[pe.Op]
	if op != "" {
		return fmt.Sprintf("%s%s失败：%s", op, what, fsafe.Describe(err))
	}
	return fmt.Sprintf("%s：%s", what, fsafe.Describe(err))
}

var requiredFlags = regexp.MustCompile(`^required flag\(s\) "(.*)" not set$`)

// cobraError is cobra's own English error in Chinese, or "" when err is not one of them.
func cobraError(err error) string {
	if m := requiredFlags.FindStringSubmatch(err.Error()); m != nil {
		return "缺少必需的选项 --" + strings.Join(strings.Split(m[1], `", "`), "、--")
	}
	if msg, ok := flagError(err); ok {
		return "参数错误：" + msg
	}
	return ""
}

// flagError is a command-line option error of pflag in Chinese; false when err is none.
func flagError(err error) (string, bool) {
	var notExist *pflag.NotExistError
	var needsValue *pflag.ValueRequiredError
	var invalid *pflag.InvalidValueError
	var syntax *pflag.InvalidSyntaxError
	switch {
	case errors.As(err, &notExist):
		if s := notExist.GetSpecifiedShortnames(); s != "" {
			return fmt.Sprintf("没有选项 -%s（在 -%s 中）", notExist.GetSpecifiedName(), s), true
		}
		return fmt.Sprintf("没有选项 --%s", notExist.GetSpecifiedName()), true
	case errors.As(err, &needsValue):
		return fmt.Sprintf("选项 --%s 后面需要一个值", needsValue.GetFlag().Name), true
	case errors.As(err, &invalid):
		return fmt.Sprintf("选项 --%s 的值“%s”无效", invalid.GetFlag().Name, invalid.GetValue()), true
	case errors.As(err, &syntax):
		return fmt.Sprintf("选项写法不对：%s", syntax.GetSpecifiedFlag()), true
	}
	return "", false
}
