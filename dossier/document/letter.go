package document

// Letter marks a report as a letter — a 代拟稿 请示, 报告 or 函 that a bureau sends on its own
// paper — to be laid out per GB/T 9704: 3号仿宋 body, a 2号 title broken between words, the
// 发文字号 line, the 附件 list and the 落款 (unit and date) at the bottom right.
type Letter struct {
	// Kind is what the title calls the letter: "请示", "报告", "函" (or "" when it is none).
	Kind string
	// Number is the 发文字号 (并工信字〔2019〕　号); empty prints none.
	Number string
	// Signer, when Signed, is the 签发人's name (empty leaves room to write it): a 请示 or
	// 报告 (上行文) names its 签发人 on the right of the 发文字号 line.
	Signer string
	Signed bool
	// Date is the 成文日期 (2019年5月20日) printed in the 落款; empty keeps the signature
	// block's own date.
	Date string
}

// Annex is the 附件 list under a letter's body: one item per attachment, numbered "1." "2."
// when there are several.
type Annex struct {
	Items []string
}

func (*Annex) isBlock() {}
