// Package gen makes synthetic platform exports in the real formats, with
// their real encodings and quirks (see shared/formats/PLATFORM_EXPORTS.md):
// the test fixtures under testdata/, the demo data and the import
// benchmark's files all come from here. Output is deterministic for a seed.
package gen

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"time"
)

// Product is a sellable SKU as the generator uses it.
type Product struct {
	MerchantCode string
	Title        string
	Attrs        string // e.g. 颜色分类：白色;尺码：XL
	PriceFen     int64
	CostFen      int64
	ItemID       string // platform item id
	SKUID        string // platform sku id
}

// Order is one synthetic order with everything any format writes.
type Order struct {
	No                               string
	Buyer                            string
	Status                           string // pending_payment, paid, shipped, completed, closed
	Created                          time.Time
	Paid, Shipped, Completed, Closed *time.Time
	Lines                            []Line
	GoodsFen, ShippingFen, PaidFen   int64
	DiscountFen, RefundFen           int64
	ReceiverName, Phone              string
	Province, City, District, Street string
	Carrier, Tracking, Message, Memo string
	CloseReason                      string
}

// Line is one item of an order.
type Line struct {
	Product
	Qty       int64
	PaidFen   int64
	RefundFen int64
	SubNo     string
}

// Config says what to generate.
type Config struct {
	Seed     uint64
	Platform string // taobao, tmall, jd, pdd, douyin: shapes the order numbers
	Orders   int
	From, To time.Time // creation times fall in [From, To)
	Loc      *time.Location
	Products []Product
	Buyers   int // size of the buyer pool (default Orders/3 + 1)
	// Weight, when set, gives the relative order volume of a day (seasonality).
	Weight func(day time.Time) float64
	// Now decides the status of recent orders (default To).
	Now time.Time
}

// DefaultProducts is a small 家居 catalogue.
func DefaultProducts() []Product {
	names := []struct {
		title, attrs string
		price        int64
	}{
		{"北欧纯棉四件套 简约床上用品", "颜色分类：灰色;尺寸：1.8m床", 29900}, {"北欧纯棉四件套 简约床上用品", "颜色分类：白色;尺寸：1.5m床", 25900},
		{"记忆棉枕头 护颈枕", "颜色分类：白色", 8900}, {"加厚珊瑚绒毛毯", "颜色分类：米黄;尺寸：150x200cm", 12900},
		{"不锈钢保温杯 500ml", "颜色分类：黑色", 6900}, {"陶瓷餐具套装 16件", "颜色分类：青花", 15900},
		{"竹纤维毛巾 3条装", "颜色分类：混色", 3990}, {"收纳箱 大号 可折叠", "尺寸：60L", 4590},
		{"香薰蜡烛礼盒", "香型：白茶", 9900}, {"防滑浴室地垫", "颜色分类：灰色;尺寸：50x80cm", 3590},
		{"实木衣架 10只装", "颜色分类：原木", 2990}, {"全棉浴巾 加大加厚", "颜色分类：蓝色", 5990},
		{"电热水壶 1.7L", "颜色分类：白色", 13900}, {"懒人沙发 豆袋", "颜色分类：卡其", 19900},
		{"遮光窗帘 成品", "颜色分类：墨绿;尺寸：2x2.7m", 16900}, {"厨房置物架 三层", "颜色分类：黑色", 7900},
		{"乳胶床垫 5cm", "尺寸：1.8x2m", 89900}, {"蚕丝被 春秋款", "尺寸：200x230cm", 59900},
		{"挂钟 静音客厅", "颜色分类：金色", 8800}, {"桌面收纳盒 抽屉式", "颜色分类：白色", 2590},
	}
	out := make([]Product, len(names))
	for i, n := range names {
		out[i] = Product{MerchantCode: fmt.Sprintf("YX-%04d", 1001+i), Title: n.title, Attrs: n.attrs, PriceFen: n.price,
			CostFen: n.price * 45 / 100, ItemID: fmt.Sprintf("6%011d", 52103000000+int64(i/2)*7919), SKUID: fmt.Sprintf("5%012d", 401000000000+int64(i)*104729)}
	}
	return out
}

var (
	surnames  = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高")
	givens    = []string{"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "丽", "强"}
	provinces = []struct{ p, c, d string }{{"浙江省", "杭州市", "余杭区"}, {"江苏省", "南京市", "建邺区"}, {"广东省", "深圳市", "南山区"},
		{"上海", "上海市", "浦东新区"}, {"北京", "北京市", "朝阳区"}, {"四川省", "成都市", "武侯区"}, {"湖北省", "武汉市", "洪山区"}, {"山东省", "青岛市", "市南区"}}
	carriers = []struct{ name, prefix string }{{"顺丰速运", "SF"}, {"中通快递", "73"}, {"圆通速递", "YT"}, {"韵达快递", "43"}}
)

// Generate yields cfg.Orders orders in creation order.
func Generate(cfg Config) iter.Seq[Order] {
	return func(yield func(Order) bool) {
		g := newGenerator(cfg)
		for i := 0; i < cfg.Orders; i++ {
			if !yield(g.order(i)) {
				return
			}
		}
	}
}

type generator struct {
	cfg     Config
	rng     *rand.Rand
	times   []time.Time // sorted creation times
	weights []float64
}

func newGenerator(cfg Config) *generator {
	if cfg.Loc == nil {
		cfg.Loc = time.FixedZone("CST", 8*3600)
	}
	if len(cfg.Products) == 0 {
		cfg.Products = DefaultProducts()
	}
	if cfg.Buyers <= 0 {
		cfg.Buyers = cfg.Orders/3 + 1
	}
	if cfg.Now.IsZero() {
		cfg.Now = cfg.To
	}
	g := &generator{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))}
	g.planDays()
	return g
}

// planDays spreads the orders over the days by weight; order i falls on
// the day its cumulative share reaches.
func (g *generator) planDays() {
	from := g.cfg.From.In(g.cfg.Loc)
	day := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, g.cfg.Loc)
	var total float64
	for d := day; d.Before(g.cfg.To); d = d.AddDate(0, 0, 1) {
		w := 1.0
		if g.cfg.Weight != nil {
			w = g.cfg.Weight(d)
		}
		g.times = append(g.times, d)
		g.weights = append(g.weights, w)
		total += w
	}
	acc := 0.0
	for i := range g.weights {
		acc += g.weights[i] / total
		g.weights[i] = acc
	}
}

// dayOf returns the day of order i (orders are spread evenly by weight).
func (g *generator) dayOf(i int) time.Time {
	if len(g.times) == 0 {
		return g.cfg.From
	}
	share := (float64(i) + 0.5) / float64(max(g.cfg.Orders, 1))
	lo, hi := 0, len(g.weights)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if g.weights[mid] < share {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return g.times[lo]
}
