package programme

import "time"

// ruleValue is a rule's value as its result shows it (实际：…). A date reads as in every text
// of the template, {{…}} included: 2011年6月8日, the form the delivered documents print
// (table cells of kind date keep 2011-06-08).
func ruleValue(v any, format string) string {
	if t, ok := v.(time.Time); ok && format == string(TypeDate) {
		return Format(t, "")
	}
	return Format(v, format)
}
