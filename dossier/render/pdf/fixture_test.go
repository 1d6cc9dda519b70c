package pdf

import (
	"fmt"
	"strings"
	"time"

	"dossier/dossier/document"
)

const enterprise = "太原市晋阳智能装备制造有限公司"

// longPara is realistic running text with the punctuation the 禁则 are about.
var longPara = []string{
	"本项目由" + enterprise + "（以下简称“公司”）承担，建设地点位于山西转型综合改革示范区。项目总投资1,500.00万元，" +
		"其中设备购置费860.50万元、安装工程费120.00万元、研发投入325.00万元；建设期为“两年”，自2019年6月至2021年5月。" +
		"项目建成后，预计新增销售收入3,200万元、利税480万元，新增就业岗位56个……主要产品包括：智能传感器、边缘控制器、" +
		"工业互联网网关——均已取得国家级检测机构出具的《检验检测报告》。",
	"公司成立于2009年，注册资本5,000万元，是国家高新技术企业（证书编号GR201814000123）和山西省企业技术中心。" +
		"近三年累计研发投入2,846.37万元，占同期销售收入的5.23%；拥有发明专利12项、实用新型专利37项、软件著作权21项。" +
		"公司建有“院士工作站”，与太原理工大学、中北大学开展产学研合作，共同承担省级科技重大专项3项（其中已验收2项）。",
	"项目采用“边缘计算＋云平台”的总体架构：在设备侧部署自主研发的EC-200边缘控制器，实现毫秒级数据采集与本地闭环控制；" +
		"在平台侧基于微服务架构建设设备健康管理、能耗分析、质量追溯三大应用。关键技术指标：数据采集频率≥1kHz，" +
		"控制周期≤10ms，设备综合效率（OEE）提升15%以上，单位产品能耗下降8.5%。",
}

// sampleReport is a realistic 资金申请报告: cover, 承诺书, 目录, chapters with long paragraphs,
// a 基本情况表, a tableRows-row investment table and a signature. chapters ≥ 3.
func sampleReport(chapters, parasPerSection, tableRows int) *document.Report {
	r := &document.Report{
		Title:   "项目资金申请报告",
		Subject: "2019年山西省技术改造专项资金技术创新提升专项",
		Author:  enterprise,
		Created: time.Date(2019, 5, 20, 9, 30, 0, 0, time.FixedZone("CST", 8*3600)),
		Cover: &document.Cover{
			Programme: "2019年山西省技术改造专项资金技术创新提升专项（第一批）",
			Title:     "项目资金申请报告",
			Lines: []document.CoverLine{
				{Label: "项目名称", Value: "年产10万套工业互联网智能边缘控制器技术改造项目"},
				{Label: "申报单位", Value: enterprise, Seal: true},
				{Label: "申报类别", Value: "创新能力培育"},
				{Label: "联系人", Value: "王建国  13903510000"},
			},
			Date: "二〇一九年五月二十日",
		},
	}
	add := func(b ...document.Block) { r.Blocks = append(r.Blocks, b...) }
	add(&document.Heading{Level: 1, Text: "承诺书", Centered: true, NoTOC: true},
		&document.Paragraph{Text: "山西省工业和信息化厅：", NoIndent: true},
		&document.Paragraph{Text: "我单位郑重承诺：本次申报" + r.Subject + "所提交的全部材料真实、准确、完整、有效，" +
			"不存在弄虚作假、重复申报等行为；项目未享受其他省级财政资金支持；我单位近三年未发生重大安全、质量、环保事故，" +
			"未被列入“信用中国（山西）”失信主体名单。如有不实，我单位愿承担相应的法律责任，并自愿退回已获得的全部资金。"},
		&document.Signature{
			Lines: []document.SignLine{
				{Label: "法定代表人（签字）"},
				{Label: "申报单位", Value: enterprise, Seal: true},
			},
			Date: "2019年5月20日",
		},
		&document.TOC{})
	names := []string{"总论", "项目承担单位的基本情况和财务状况", "项目的技术基础", "建设方案", "投资估算及资金筹措", "财务分析及经济效益"}
	cn := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	for c := 0; c < chapters; c++ {
		add(&document.Heading{Level: 1, Text: fmt.Sprintf("第%s章　%s", cn[c%10], names[c%len(names)])})
		for s := 0; s < 3; s++ {
			add(&document.Heading{Level: 2, Text: fmt.Sprintf("%s、%s（第%d节）", cn[s], []string{"项目背景", "主要内容", "预期目标"}[s], s+1)})
			for p := 0; p < parasPerSection; p++ {
				add(&document.Paragraph{Text: longPara[(c+s+p)%len(longPara)]})
			}
		}
		if c == 1 {
			add(&document.KeyValues{Caption: "表1　企业基本情况", Columns: 4, Pairs: []document.Pair{
				{Label: "企业名称", Value: enterprise, Wide: true},
				{Label: "统一社会信用代码", Value: "91140100MA0GRX1234"},
				{Label: "注册资本（万元）", Value: "5,000.00"},
				{Label: "法定代表人", Value: "李明"},
				{Label: "成立日期", Value: "2009-03-18"},
				{Label: "主营业务", Value: "工业自动化控制设备、智能传感器的研发、生产和销售；工业互联网平台软件开发及技术服务。", Wide: true},
				{Label: "联系电话", Value: "0351-7654321"},
			}})
		}
		if c == 2 {
			t := &document.Table{Caption: "表2　项目投资明细表", Columns: []document.Column{
				{Header: "序号", Width: 0.6, Align: "center"},
				{Header: "设备（项目）名称", Width: 2.6},
				{Header: "规格型号", Width: 1.6},
				{Header: "数量", Unit: "台/套", Width: 0.9, Kind: "int"},
				{Header: "单价", Unit: "万元", Width: 1.1, Kind: "money"},
				{Header: "金额", Unit: "万元", Width: 1.2, Kind: "money"},
			}}
			for i := 0; i < tableRows; i++ {
				name := []string{"五轴联动数控加工中心", "SMT贴片生产线（含回流焊、AOI检测）", "环境试验箱", "工业机器人"}[i%4]
				t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), name, fmt.Sprintf("XK-%d00A", i%7+1),
					fmt.Sprint(i%3 + 1), fmt.Sprintf("%d.50", 10+i*3), fmt.Sprintf("%d,%03d.00", (i+1)/3, (i*137)%1000)})
			}
			t.Total = []string{"", "合计", "", "", "", "1,500.00"}
			add(t)
		}
	}
	add(&document.Heading{Level: 1, Text: "附：申报单位声明", NoTOC: false},
		&document.Paragraph{Text: strings.Repeat(longPara[1], 1)},
		&document.Signature{Lines: []document.SignLine{{Label: "法定代表人（签字）"}, {Label: "申报单位", Seal: true}}, Date: "年　　月　　日"})
	return r
}
