# Regenerates the bad-input corpus from the shanxi-techinnov-2019 demo: python3 generate.py (run here).
import json, copy, collections
demo = json.load(open('../../../../templates/shanxi-techinnov-2019.demo.json'), object_pairs_hook=collections.OrderedDict)
cases = []
def dump(d):
    return json.dumps(d, ensure_ascii=False, indent=2)
def case(name, code, want, data, note):
    if isinstance(data, str): data = data.encode('utf-8')
    open(name, 'wb').write(data)
    cases.append((name, str(code), want, note))
def edit(fn, raw=None):
    d = copy.deepcopy(demo); fn(d); s = dump(d)
    if raw is not None: s = s.replace('"@RAW@"', raw)
    return s
def ent(k, v, raw=None):
    return edit(lambda d: d['enterprise'].__setitem__(k, v), raw)
def ans(k, v, raw=None):
    return edit(lambda d: d['answers'].__setitem__(k, v), raw)
def fin(k, v, raw=None):
    return edit(lambda d: d['enterprise']['finance'][0].__setitem__(k, v), raw)
base = dump(demo)

case('00-demo.json', 0, '符合申报条件', base, 'the demo itself')
case('09-name-outside-bmp.json', 2, '企业名称：第3个字符“𠮷”（U+20BB7）', ent('name', '山西𠮷祥智能装备有限公司'), '9: a character the PDF fonts cannot draw')
case('09-emoji-in-textarea.json', 2, '建设内容及主要产出（简述）：', ans('summary', '研发智能控制系统👍'), '9: an emoji pasted from WeChat')
case('10-amount-16-digits.json', 2, '申请专项资金：', ans('requested_amount', '@RAW@', '1234567890.1234567'), '10: more than 15 significant digits')
case('10-amount-too-large.json', 2, '财务数据第1行 销售收入：', fin('sales_revenue', '@RAW@', '1000000000000'), '10: 1e12 万元 and more')
case('10-three-decimals.json', 2, '申请专项资金：最多保留 2 位小数', ans('requested_amount', '@RAW@', '300.005'), '10: 万元 with two decimals')
b = base.encode('utf-8').replace('山西汾河'.encode(), b'\xc9\xbd\xce\xf7', 1)
case('11-invalid-utf8-gbk.json', 2, '不是有效的 UTF-8 编码', b, '11: GBK bytes in a UTF-8 file (byte position given)')
case('11-lone-surrogate.json', 2, '不成对的代理码位', ent('name', '@RAW@', '"山西\\ud800汾河"'), '11: a lone surrogate escape')
case('11-nul.json', 2, '企业名称：第3个字符是不可见的控制字符（U+0000）', ent('name', '山西\x00汾河智能装备有限公司'), '11: NUL')
case('11-escape.json', 2, '联系人：第1个字符是不可见的控制字符（U+001B）', ent('contact_name', '\x1b[2J李晓敏'), '11: terminal escape injection')
case('11-bidi-override.json', 2, '项目名称：', ans('project_name', '智能控制系统\u202e目项励奖'), '11: U+202E')
case('11-zero-width.json', 2, '通信地址：', ent('address', '太原市小店区\u200b长治路299号'), '11: zero-width space')
case('11-line-separator.json', 2, '建设内容及主要产出（简述）：', ans('summary', '研发\u2028智能控制系统'), '11: U+2028')
case('11-newline-in-text.json', 2, '企业名称：第5个字符是换行', ent('name', '山西汾河\n智能装备有限公司'), '11: LF in a one-line field')
case('11-tab-in-text.json', 2, '法定代表人：', ent('legal_representative', '王\t建国'), '11: TAB in a one-line field')
case('11-crlf-in-textarea.json', 0, '符合申报条件', ans('summary', '研发矿用综采工作面智能控制系统。\r\n形成年产120套的生产能力。'), '11: CRLF from Windows in a textarea is normalised to LF, not refused')
s = base.replace('"answers": {', '"enterprise": {"name": "另一家公司"},\n  "answers": {', 1)
case('12-duplicate-enterprise.json', 2, '“enterprise”重复出现（第一次在第 5 行）', s, '12: a second enterprise object')
s = base.replace('"project_name":', '"requested_amount": 5000,\n    "project_name":', 1)
case('12-duplicate-answer.json', 2, '“answers.requested_amount”重复出现', s, '12: a duplicate answer key')
s = base.replace('"year": 2016,', '"year": 2016, "year": 2017,', 1)
case('12-duplicate-in-row.json', 2, '“enterprise.finance[0].year”重复出现', s, '12: a duplicate key inside a table row')
case('12-missing-format.json', 0, '文件没有写 "format"，已按第 1 版读取', edit(lambda d: d.pop('format')), '12: format missing: read as 1, and told so')
u = base.encode('utf-16-le')
case('13-utf16le-bom.json', 2, '请另存为 UTF-8', b'\xff\xfe' + u, '13: UTF-16 LE with BOM (Notepad "Unicode")')
case('13-utf16be-bom.json', 2, '请另存为 UTF-8', b'\xfe\xff' + base.encode('utf-16-be'), '13: UTF-16 BE with BOM')
case('13-utf16le-nobom.json', 2, '请另存为 UTF-8', u, '13: UTF-16 without BOM (NUL-interleaved)')
case('13-null.json', 2, '最外层应为 JSON 对象 {…}，现为 null', 'null\n', '13: just null')
case('13-array.json', 2, '现为数组', '[' + base + ']\n', '13: an array of data files')
case('13-number.json', 2, '现为数字', '42\n', '13: a number')
s = edit(lambda d: (d['enterprise']['finance'][0].__setitem__('sales_revenue', '@RAW@'), d['enterprise'].__setitem__('employees', '@X@')), '1.42306E4')
s = s.replace('"@X@"', '4.86e2')
case('13-exponent-numbers.json', 0, '符合申报条件', s, '13: exponent numbers as Python writes them, exact amounts: accepted')
case('13-syntax-trailing-comma.json', 2, '前面多了一个逗号', base.rstrip()[:-1].rstrip() + ',\n}\n', 'a JSON syntax error: line and column')
case('13-empty.json', 2, '文件为空', '', 'an empty file')
case('14-credit-code-zeros.json', 2, '统一社会信用代码：第1位（登记管理部门代码）“0”无效', ent('credit_code', '000000000000000000'), '14: passes the check character, fails GB 32100')
case('14-credit-code-division.json', 2, '统一社会信用代码：第3–8位', ent('credit_code', '91990000MA0K7D3Q0A'), '14: not a province')
case('14-credit-code-org-check.json', 0, '统一社会信用代码：第9–17位（组织机构代码）“MA0GRX123”与 GB 11714 的校验位不符', ent('credit_code', '91140100MA0GRX123G'), "14: CONTRACT.md's example code: its GB 11714 part is off, a warning only")
case('17-million-digit-amount.json', 2, '申请专项资金：数字过长', ans('requested_amount', '@RAW@', '9' * 1000000), '17: 1 M digits refused before parsing')
case('17-long-text-default-cap.json', 2, '注册地（市）：字数超过限制（600/500字）', ent('city', '太' * 600), '17: a text field without max_chars: 500')
def many(n):
    def f(d):
        row = d['enterprise']['finance'][0]
        d['enterprise']['finance'] = [dict(row, year=1990 + i % 100) for i in range(n)]
    return f
case('17-rows-over-default.json', 2, '财务数据：最多 1000 行（现有 1001 行）', edit(many(1001)), '17: a table without max_rows: 1,000')
s = base.replace('"finance": [', '"finance": [' + '{},' * 20000, 1)
case('17-rows-over-reader-limit.json', 2, '“enterprise.finance”的列表超过 10000 项', s, '17: refused while reading, bounded memory')
case('07-year-one.json', 2, '注册成立日期：“0001-01-01”不是有效日期', ent('registered_on', '0001-01-01'), 'issue 6 item 7: year 1 is invalid, not missing')
case('i10-dates-and-units.json', 0, '符合申报条件', edit(lambda d: (d['enterprise'].__setitem__('registered_on', '2009年3月16日'), d.__setitem__('applied_on', '2019/5/20'), d['answers'].__setitem__('requested_amount', '300万'), d['answers'].__setitem__('total_investment', '２，８６０．００'))), 'issue 10 item 7: typed dates and amounts')
case('i10-integer-half.json', 2, '职工总数（人）：请填整数（“35.5”不是整数）', ent('employees', '@RAW@', '35.5'), 'issue 10 item 7: 请填整数, not 未填写')

with open('cases.tsv', 'w') as f:
    f.write('# file\texit\tmessage (the field as the form labels it, or the position)\tissue item\n')
    for c in cases:
        f.write('\t'.join(c) + '\n')
