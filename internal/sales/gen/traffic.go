package gen

import (
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"sort"
	"time"
)

// Traffic collects the daily sales of orders as they are generated and
// writes 生意参谋-style shop and product exports consistent with them:
// visitors are paying buyers divided by a plausible conversion rate.
type Traffic struct {
	rng  *rand.Rand
	shop map[string]*dayAgg
	prod map[[2]string]*dayAgg
}

type dayAgg struct {
	buyers          map[string]bool
	units, paid, rf int64
	orders          int64
}

// NewTraffic returns a collector with its own random source.
func NewTraffic(seed uint64) *Traffic {
	return &Traffic{rng: rand.New(rand.NewPCG(seed, seed+1)), shop: map[string]*dayAgg{}, prod: map[[2]string]*dayAgg{}}
}

// Tap passes the orders through, recording the paid ones by payment day.
func (t *Traffic) Tap(seq iter.Seq[Order]) iter.Seq[Order] {
	return func(yield func(Order) bool) {
		for o := range seq {
			if o.Paid != nil {
				day := o.Paid.In(cst).Format("2006-01-02")
				t.add(t.shop, day, o.Buyer, o.units(), o.PaidFen, o.RefundFen)
				for _, l := range o.Lines {
					k := [2]string{day, l.ItemID}
					a := t.prod[k]
					if a == nil {
						a = &dayAgg{buyers: map[string]bool{}}
						t.prod[k] = a
					}
					a.buyers[o.Buyer] = true
					a.units += l.Qty
					a.paid += l.PaidFen
					a.rf += l.RefundFen
				}
			}
			if !yield(o) {
				return
			}
		}
	}
}

func (t *Traffic) add(m map[string]*dayAgg, day, buyer string, units, paid, refund int64) {
	a := m[day]
	if a == nil {
		a = &dayAgg{buyers: map[string]bool{}}
		m[day] = a
	}
	a.buyers[buyer] = true
	a.units += units
	a.paid += paid
	a.rf += refund
	a.orders++
}

func pct(num, den int64) string {
	if den == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", float64(num)*100/float64(den))
}

func grouped(n int64) string {
	s := yuanGrouped(n * 100)
	return s[:len(s)-3]
}

// ShopHeader is the 生意参谋 shop-level daily export header.
var ShopHeader = []string{"统计日期", "访客数", "浏览量", "跳失率", "加购人数", "加购件数", "商品收藏买家数", "下单金额", "下单买家数",
	"支付金额", "支付买家数", "支付件数", "支付子订单数", "支付转化率", "客单价", "UV价值", "新访客数", "老访客数", "成功退款金额"}

// WriteShop writes the shop-level export: GBK, three title lines before
// the header (row 4), values with thousands separators and % rates.
func (t *Traffic) WriteShop(w io.Writer, shopName string) error {
	c := newCSV(w, true, false)
	c.row("生意参谋 > 店铺 > 整体看板")
	c.row("店铺名称：" + shopName)
	c.row("")
	c.row(ShopHeader...)
	for _, day := range sortedKeys(t.shop) {
		a := t.shop[day]
		buyers := int64(len(a.buyers))
		visitors := buyers*100/int64(2+t.rng.IntN(4)) + int64(t.rng.IntN(50))
		pv := visitors * int64(2+t.rng.IntN(3))
		cart := visitors / int64(8+t.rng.IntN(4))
		c.row(day, grouped(visitors), grouped(pv), pct(visitors*4/10, visitors), grouped(cart), grouped(cart*13/10), grouped(visitors/25),
			yuanGrouped(a.paid*105/100), grouped(buyers*105/100), yuanGrouped(a.paid), grouped(buyers), grouped(a.units), grouped(a.orders),
			pct(buyers, visitors), yuanGrouped(a.paid/max(buyers, 1)), yuanGrouped(a.paid/max(visitors, 1)), grouped(visitors*6/10),
			grouped(visitors-visitors*6/10), yuanGrouped(a.rf))
	}
	return c.close()
}

// ProductHeader is the 生意参谋 商品_全部 export header.
var ProductHeader = []string{"统计日期", "商品ID", "商品名称", "货号", "商品访客数", "商品浏览量", "平均停留时长", "商品详情页跳出率",
	"商品收藏人数", "商品加购件数", "商品加购人数", "下单买家数", "下单件数", "下单金额", "下单转化率", "支付买家数", "支付件数", "支付金额",
	"商品支付转化率", "支付新买家数", "支付老买家数", "成功退款金额", "月累计支付金额", "年累计支付金额"}

// WriteProduct writes the product-level export with its header on row 5
// and the cumulative month/year columns (which an importer must not sum).
func (t *Traffic) WriteProduct(w io.Writer, products []Product) error {
	c := newCSV(w, true, false)
	c.row("生意参谋 > 品类 > 商品_全部")
	c.row("统计时间：按日")
	c.row("终端：所有终端")
	c.row("")
	c.row(ProductHeader...)
	names := map[string]Product{}
	for _, p := range products {
		names[p.ItemID] = p
	}
	keys := make([][2]string, 0, len(t.prod))
	for k := range t.prod {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	month, year := map[string]int64{}, map[string]int64{}
	for _, k := range keys {
		a := t.prod[k]
		p := names[k[1]]
		buyers := int64(len(a.buyers))
		visitors := buyers*100/int64(3+t.rng.IntN(5)) + int64(t.rng.IntN(20))
		month[k[1]+k[0][:7]] += a.paid
		year[k[1]+k[0][:4]] += a.paid
		c.row(k[0], k[1], p.Title, p.MerchantCode, grouped(visitors), grouped(visitors*2), "35", pct(visitors/2, visitors),
			grouped(visitors/30), grouped(visitors/9), grouped(visitors/10), grouped(buyers), grouped(a.units), yuanGrouped(a.paid),
			pct(buyers, visitors), grouped(buyers), grouped(a.units), yuanGrouped(a.paid), pct(buyers, visitors), grouped(buyers*7/10),
			grouped(buyers-buyers*7/10), yuanGrouped(a.rf), yuanGrouped(month[k[1]+k[0][:7]]), yuanGrouped(year[k[1]+k[0][:4]]))
	}
	return c.close()
}

func sortedKeys(m map[string]*dayAgg) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Seasonality is the demo's relative daily order volume: weekends a little
// higher, the Spring Festival low, and the 618 and 双11 (plus 双12) peaks.
func Seasonality(day time.Time) float64 {
	w := 1.0
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		w *= 1.15
	}
	m, d := day.Month(), day.Day()
	switch {
	case m == time.June && d <= 18:
		w *= 1.5 + float64(d)/9 // ramps up to the 18th
		if d == 18 {
			w *= 2
		}
	case m == time.October && d >= 20:
		w *= 1.5
	case m == time.November && d < 11:
		w *= 2
	case m == time.November && d == 11:
		w *= 12
	case m == time.December && d == 12:
		w *= 4
	case m == time.February && d <= 12:
		w *= 0.5
	}
	return w
}
