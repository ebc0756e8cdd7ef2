package assessment

import "testing"

func boolp(b bool) *bool { return &b }

func TestGrade(t *testing.T) {
	single := QuestionVersion{Kind: KindSingle, Options: []Option{{"A", "a"}, {"B", "b"}, {"C", "c"}}, Key: Key{Choices: []string{"B"}}}
	multi := QuestionVersion{Kind: KindMultiple, Options: []Option{{"A", "a"}, {"B", "b"}, {"C", "c"}, {"D", "d"}}, Key: Key{Choices: []string{"A", "C"}}}
	multi3 := QuestionVersion{Kind: KindMultiple, Options: []Option{{"A", "a"}, {"B", "b"}, {"C", "c"}, {"D", "d"}}, Key: Key{Choices: []string{"A", "B", "C"}}}
	tf := QuestionVersion{Kind: KindTrueFalse, Key: Key{True: boolp(false)}}
	fill := QuestionVersion{Kind: KindFill, Key: Key{Blanks: [][]string{{"SKU", "库存单位"}, {"GMV", "成交总额"}}}}
	short := QuestionVersion{Kind: KindShort, Rubric: "r"}

	cases := []struct {
		name   string
		q      QuestionVersion
		r      Response
		points int // centipoints
		rule   string
		want   int
		manual bool
	}{
		{"single right", single, Response{Choices: []string{"B"}}, 200, "", 200, false},
		{"single wrong", single, Response{Choices: []string{"A"}}, 200, "", 0, false},
		{"single blank", single, Response{}, 200, "", 0, false},
		{"single rule ignored", single, Response{Choices: []string{"A"}}, 200, MultiProportional, 0, false},

		// key {A,C} of {A,B,C,D}, 2 points
		{"all_or_nothing exact", multi, Response{Choices: []string{"A", "C"}}, 200, MultiAllOrNothing, 200, false},
		{"all_or_nothing missing one", multi, Response{Choices: []string{"A"}}, 200, MultiAllOrNothing, 0, false},
		{"all_or_nothing one extra", multi, Response{Choices: []string{"A", "B", "C"}}, 200, MultiAllOrNothing, 0, false},
		{"unknown rule is all_or_nothing", multi, Response{Choices: []string{"A"}}, 200, "", 0, false},
		{"partial exact", multi, Response{Choices: []string{"A", "C"}}, 200, MultiPartial, 200, false},
		{"partial missing one: half", multi, Response{Choices: []string{"A"}}, 200, MultiPartial, 100, false},
		{"partial any wrong: zero", multi, Response{Choices: []string{"A", "B", "C"}}, 200, MultiPartial, 0, false},
		{"partial nothing chosen", multi, Response{}, 200, MultiPartial, 0, false},
		{"proportional exact", multi, Response{Choices: []string{"A", "C"}}, 200, MultiProportional, 200, false},
		{"proportional missing one", multi, Response{Choices: []string{"C"}}, 200, MultiProportional, 100, false},
		{"proportional one right one wrong", multi, Response{Choices: []string{"A", "B"}}, 200, MultiProportional, 0, false},
		{"proportional two right one wrong", multi, Response{Choices: []string{"A", "C", "D"}}, 200, MultiProportional, 100, false},
		{"proportional everything: floored at 0", multi, Response{Choices: []string{"A", "B", "C", "D"}}, 200, MultiProportional, 0, false},
		{"proportional only wrong: floored at 0", multi, Response{Choices: []string{"B", "D"}}, 200, MultiProportional, 0, false},
		// key {A,B,C}, 1 point: thirds round half up to the hundredth
		{"partial two of three", multi3, Response{Choices: []string{"A", "B"}}, 100, MultiPartial, 67, false},
		{"partial one of three", multi3, Response{Choices: []string{"C"}}, 100, MultiPartial, 33, false},
		{"proportional three right one wrong", multi3, Response{Choices: []string{"A", "B", "C", "D"}}, 100, MultiProportional, 67, false},

		{"true/false right", tf, Response{Value: boolp(false)}, 100, "", 100, false},
		{"true/false wrong", tf, Response{Value: boolp(true)}, 100, "", 0, false},
		{"true/false blank", tf, Response{}, 100, "", 0, false},

		{"fill both right", fill, Response{Blanks: []string{"SKU", "GMV"}}, 300, "", 300, false},
		{"fill alternative answers", fill, Response{Blanks: []string{"库存单位", "成交总额"}}, 300, "", 300, false},
		{"fill case and width folded", fill, Response{Blanks: []string{"ｓｋｕ", "gmv"}}, 300, "", 300, false},
		{"fill spaces trimmed and collapsed", fill, Response{Blanks: []string{"\u3000sku ", " G M V"}}, 300, "", 150, false},
		{"fill one of two", fill, Response{Blanks: []string{"SPU", "GMV"}}, 300, "", 150, false},
		{"fill only first given", fill, Response{Blanks: []string{"sku"}}, 300, "", 150, false},
		{"fill empty blank never matches", fill, Response{Blanks: []string{"", ""}}, 300, "", 0, false},

		{"short answered: manual", short, Response{Text: "my answer"}, 500, "", 0, true},
		{"short blank: zero, no grading needed", short, Response{}, 500, "", 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.r
			if err := checkResponse(c.q, &r); err != nil {
				t.Fatalf("checkResponse: %v", err)
			}
			got, manual := Grade(c.q, r, c.points, c.rule)
			if got != c.want || manual != c.manual {
				t.Fatalf("Grade = %d, manual %v; want %d, manual %v", got, manual, c.want, c.manual)
			}
		})
	}
}

func TestCheckResponse(t *testing.T) {
	single := QuestionVersion{Kind: KindSingle, Options: []Option{{"A", "a"}, {"B", "b"}}, Key: Key{Choices: []string{"B"}}}
	multi := QuestionVersion{Kind: KindMultiple, Options: []Option{{"A", "a"}, {"B", "b"}}, Key: Key{Choices: []string{"A"}}}
	fill := QuestionVersion{Kind: KindFill, Key: Key{Blanks: [][]string{{"x"}}}}
	bad := []struct {
		name string
		q    QuestionVersion
		r    Response
	}{
		{"unknown option", single, Response{Choices: []string{"Z"}}},
		{"two options on single", single, Response{Choices: []string{"A", "B"}}},
		{"text on choice", single, Response{Text: "A"}},
		{"too many blanks", fill, Response{Blanks: []string{"a", "b"}}},
		{"value on fill", fill, Response{Value: boolp(true)}},
	}
	for _, c := range bad {
		r := c.r
		if err := checkResponse(c.q, &r); err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
	r := Response{Choices: []string{"B", "A", "B"}}
	if err := checkResponse(multi, &r); err != nil || len(r.Choices) != 2 || r.Choices[0] != "A" {
		t.Fatalf("multi normalised to %v (%v), want [A B]", r.Choices, err)
	}
	r = Response{Blanks: []string{" "}}
	if err := checkResponse(fill, &r); err != nil || !r.Empty() || r.Blanks != nil {
		t.Fatalf("blank-only response should clear the answer: %+v %v", r, err)
	}
}

func TestValidateContent(t *testing.T) {
	c := Content{Stem: " 退款率的分母是? ", Options: []Option{{Text: "支付订单数"}, {Text: "访客数"}}, Key: Key{Choices: []string{"A"}}}
	if err := validateContent(KindSingle, &c, "body"); err != nil {
		t.Fatal(err)
	}
	if c.Options[1].Key != "B" || c.Points != 1 || c.Difficulty != "medium" || c.Stem != "退款率的分母是?" {
		t.Fatalf("defaults not filled: %+v", c)
	}
	for name, bad := range map[string]struct {
		kind string
		c    Content
	}{
		"single with two keys": {KindSingle, Content{Stem: "s", Options: []Option{{Text: "a"}, {Text: "b"}}, Key: Key{Choices: []string{"A", "B"}}}},
		"key not an option":    {KindMultiple, Content{Stem: "s", Options: []Option{{Text: "a"}, {Text: "b"}}, Key: Key{Choices: []string{"C"}}}},
		"true/false no key":    {KindTrueFalse, Content{Stem: "s"}},
		"fill empty blank":     {KindFill, Content{Stem: "s", Key: Key{Blanks: [][]string{{" "}}}}},
		"short without rubric": {KindShort, Content{Stem: "s"}},
		"no stem":              {KindTrueFalse, Content{Key: Key{True: boolp(true)}}},
		"points too high":      {KindTrueFalse, Content{Stem: "s", Points: 101, Key: Key{True: boolp(true)}}},
	} {
		if err := validateContent(bad.kind, &bad.c, "body"); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
