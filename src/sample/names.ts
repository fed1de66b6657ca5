/**
 * Names for the fictional county: the townships and urban villages named in the source documents
 * (苍南县), plus plausible Wenzhou-style village, person, company and road names. All fictional
 * records; any likeness to a real person or company is accidental.
 */
import type { Random } from './random';

export const COUNTY_NAME = '苍南县';
export const COUNTY_CODE = '330327';

export interface TownshipSeed {
  name: string;
  /** Short name used in road names, e.g. 灵 for 灵溪镇. */
  short: string;
  /** Township centre in the local plane (metres from 灵溪镇, x east, y north). */
  centre: readonly [number, number];
  villageCount: number;
  /** 0 (rural) … 1 (county seat): drives 城中村 blocks, density and targets. */
  urbanity: number;
  /** Village names that must exist in this township, nearest the centre first. */
  namedVillages: readonly string[];
}

export const TOWNSHIP_SEEDS: readonly TownshipSeed[] = [
  { name: '灵溪镇', short: '灵', centre: [0, 0], villageCount: 12, urbanity: 1, namedVillages: ['下汇周村', '上垟庄村'] },
  { name: '龙港镇', short: '龙', centre: [13000, 6000], villageCount: 11, urbanity: 0.9, namedVillages: ['江口村'] },
  { name: '宜山镇', short: '宜', centre: [7500, 2500], villageCount: 9, urbanity: 0.7, namedVillages: ['梁宅村'] },
  { name: '金乡镇', short: '金', centre: [13500, -6500], villageCount: 8, urbanity: 0.55, namedVillages: [] },
  { name: '钱库镇', short: '钱', centre: [11000, -1500], villageCount: 8, urbanity: 0.6, namedVillages: [] },
  { name: '望里镇', short: '望', centre: [4500, -6500], villageCount: 6, urbanity: 0.35, namedVillages: [] },
  { name: '藻溪镇', short: '藻', centre: [-6500, -4000], villageCount: 6, urbanity: 0.3, namedVillages: [] },
];

const VILLAGE_NAMES = [
  '东垟村', '沙岗村', '桥墩村', '西垟村', '渡龙村', '浦亭村', '观美村', '凤阳村', '岱岭村', '赤溪村',
  '中墩村', '腾垟村', '芦浦村', '舥艚村', '炎亭村', '龙沙村', '湖前村', '江山村', '括山村', '仙居村',
  '南宋村', '昌禅村', '大渔村', '新安村', '灵峰村', '凰浦村', '云岩村', '石砰村', '河底高村', '林家院村',
  '朱家岛村', '章良村', '墨城村', '陈家堡村', '柘园村', '后垟村', '前垟村', '白沙村', '萧江村', '麟头村',
  '五凤村', '水头村', '埔坪村', '玉龙村', '南山头村', '海城村', '夏口村', '沿浦村', '龙江村', '北港村',
  '塘下村', '垟头村', '厚垟村', '陡门头村', '东魁村', '西湾村', '下堡村', '凤池村', '岭头村', '石塘村',
  '雅店村', '项桥村', '宫后村', '余桥村', '鲸头村', '繁枝村', '渎浦村', '钱家垟村', '仙堂村', '新渡村',
] as const;

/** Unique village names for every township: its named villages first, then a shuffled pool. */
export function villageNamesByTownship(random: Random): string[][] {
  const named = new Set(TOWNSHIP_SEEDS.flatMap((seed) => seed.namedVillages));
  const pool = random.shuffle(VILLAGE_NAMES.filter((name) => !named.has(name)));
  return TOWNSHIP_SEEDS.map((seed) => {
    const names = [...seed.namedVillages];
    while (names.length < seed.villageCount) {
      const name = pool.pop();
      if (name === undefined) throw new RangeError('villageNamesByTownship: name pool exhausted');
      names.push(name);
    }
    return names;
  });
}

const SURNAMES = ['陈', '林', '黄', '王', '杨', '李', '吴', '郑', '张', '周', '蔡', '刘', '金', '章', '苏', '谢', '叶', '潘', '朱', '徐', '缪', '郭', '温', '池'];
const GIVEN_NAMES = [
  '建华', '志明', '海波', '国强', '丽娟', '晓燕', '文杰', '伟东', '春燕', '云飞', '振华', '红霞', '光明', '秀珍', '金龙',
  '玉兰', '良友', '孝文', '仁杰', '瑞芳', '海峰', '少华', '锦程', '德胜', '爱国', '美玲', '永康', '乃成', '小军', '秀英',
  '月娥', '宗德', '加林', '世雄', '培元', '昌盛', '雪梅', '定国', '思远', '立新',
];
const BRANDS = [
  '宏达', '华信', '永兴', '金鹰', '鑫源', '恒通', '瑞丰', '天成', '利民', '新昌', '东方', '浙南', '远航', '博雅', '嘉禾',
  '联盛', '泰和', '荣华', '盛达', '万顺', '海星', '银河', '振兴', '大成', '伟业', '明珠', '兴隆', '飞鹏', '汇丰', '长城',
];
/** Industries of small enterprises in the county (names used for 小微园 entrants and 四无 units). */
export const INDUSTRIES = ['鞋服', '印刷包装', '塑料制品', '工艺礼品', '五金配件', '纺织', '标牌徽章', '食品加工'] as const;

export function personName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAMES);
}

/** A surname with 某, the way 台账 sheets anonymise small operators. */
export function anonymousPerson(random: Random): string {
  return `${random.pick(SURNAMES)}某`;
}

export function companyName(random: Random, industry: string = random.pick(INDUSTRIES)): string {
  return `${COUNTY_NAME}${random.pick(BRANDS)}${industry}有限公司`;
}

/** A company name not in `taken`; adds it to `taken`. */
export function uniqueCompanyName(random: Random, taken: Set<string>, industry: string): string {
  for (let attempt = 0; attempt < 200; attempt++) {
    const name = companyName(random, industry);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const fallback = `${companyName(random, industry).replace('有限公司', '')}${taken.size}号有限公司`;
  taken.add(fallback);
  return fallback;
}

/** Names of the primary roads linking township centres, in order of use. */
export const PRIMARY_ROAD_NAMES = ['104国道', '78省道', '灵江路', '龙金大道', '宜钱公路', '228国道', '钱金公路', '灵藻公路', '望里公路', '金望公路', '龙宜公路', '宜望公路'];

/** The river network: the main river and its tributaries. */
export const MAIN_RIVER_NAME = '横阳支江';
export const TRIBUTARY_NAMES = ['藻溪', '萧江塘河', '金乡塘河', '望里河', '南港河', '宜山河'];

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一, 二 … 十, 11, 12 … for numbered 区块 (一号区块). */
export function chineseOrdinal(value: number): string {
  return CHINESE_NUMERALS[value - 1] ?? String(value);
}
