import type { GoldPlan } from '../gold.ts';
import type { MetaPlan, MetaTask } from './types.ts';

/** The seed's gold reading as a renderable plan: one path level (the section heading). */
export function fromSeedGold(gold: GoldPlan): MetaPlan {
  const d = gold.document;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.date ?? '');
  return {
    id: 'seed',
    header: {
      number: d.number ?? '',
      issuer: d.issuer ?? '',
      date: m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : '',
      title: d.title ?? '',
    },
    tasks: gold.sections.flatMap((s) =>
      s.items.map(
        (it): MetaTask => ({ path: [s.heading], title: it.title, text: it.text, deadlines: it.deadlines, lead: it.lead, responsible: it.responsible }),
      ),
    ),
  };
}

/** A task whose title is its first sentence. */
function task(
  path: string[],
  text: string,
  units: { lead?: string[]; responsible?: string[] },
  deadlines: MetaTask['deadlines'] = [],
  due?: MetaTask['due'],
): MetaTask {
  const title = text.slice(0, Math.max(0, text.indexOf('。')));
  return { path, title, text, deadlines, ...(due ? { due } : {}), lead: units.lead ?? [], responsible: units.responsible ?? [] };
}

const A1 = ['深化政务服务改革', '推进审批提速'];
const A2 = ['深化政务服务改革', '提升窗口服务'];
const A3 = ['降低企业经营成本', '减轻税费负担'];

/**
 * Written for these tests in the conventions of county plans (not taken from any document): two
 * heading levels, units with qualifiers in brackets and 等 tails, deadlines in the text and apart.
 */
export const COUNTY_2023: MetaPlan = {
  id: 'county-2023',
  header: {
    number: '青政发〔2023〕4号',
    issuer: '青山县人民政府',
    date: '2023年2月20日',
    title: '青山县人民政府关于印发青山县2023年优化营商环境重点任务的通知',
  },
  tasks: [
    task(
      A1,
      '压缩企业开办时间。推行企业开办全程网上办理，6月底前将开办时间压缩至1个工作日以内。',
      { lead: ['县行政审批服务局'], responsible: ['县市场监管局', '县税务局'] },
      [{ text: '6月底前', date: '2023-06-30' }],
    ),
    task(A1, '推行告知承诺制。梳理公布告知承诺事项清单，对符合条件的事项当场办结。', { lead: ['县司法局'], responsible: ['县直有关部门'] }, [], {
      text: '9月底前',
      date: '2023-09-30',
    }),
    task(A1, '开展“一件事一次办”。整合关联事项，实现一次告知、一表申请、一窗受理。', { responsible: ['县行政审批服务局', '各乡镇（街道）'] }, [], {
      text: '长期坚持',
      date: null,
    }),
    task(A2, '设立综合受理窗口。年底前实现无差别受理全覆盖。', { lead: ['县政务服务中心'] }, [{ text: '年底前', date: '2023-12-31' }]),
    task(A2, '建立帮办代办制度。组建帮办代办队伍，为重点项目提供全流程服务。', {
      lead: ['县发展改革局', '县政务服务中心'],
      responsible: ['各乡镇人民政府等相关单位'],
    }),
    task(A3, '落实减税降费政策。按照上级部署落实各项税费优惠政策，确保应享尽享。', { lead: ['县税务局'], responsible: ['县财政局'] }, [], {
      text: '2023年11月底前',
      date: '2023-11-30',
    }),
    task(
      A3,
      '规范涉企收费行为。10月15日前公布涉企收费目录清单，清单之外一律不得收费。',
      { lead: ['县发展改革局'], responsible: ['县市场监管局', '县财政局'] },
      [{ text: '10月15日前', date: '2023-10-15' }],
    ),
  ],
};

/**
 * Written for these tests in the conventions of city work plans: one heading level, several tasks
 * per section, some with no units at all.
 */
export const CITY_2022: MetaPlan = {
  id: 'city-2022',
  header: {
    number: '临政办发〔2022〕11号',
    issuer: '临川市人民政府办公室',
    date: '2022年3月8日',
    title: '临川市人民政府办公室关于印发临川市2022年稳就业工作方案的通知',
  },
  tasks: [
    task(
      ['扩大就业容量'],
      '支持中小微企业吸纳就业。对吸纳高校毕业生就业的小微企业给予一次性补贴。',
      { lead: ['市人力资源社会保障局'], responsible: ['市财政局'] },
      [],
      { text: '2022年6月底前', date: '2022-06-30' },
    ),
    task(['扩大就业容量'], '开发公益性岗位。统筹开发乡村公益性岗位，优先安置就业困难人员。', { responsible: ['各县（市、区）人民政府'] }),
    task(
      ['扩大就业容量'],
      '鼓励返乡创业。建设返乡创业园区，8月底前新建园区2个。',
      { lead: ['市农业农村局'], responsible: ['市人力资源社会保障局', '市乡村振兴局'] },
      [{ text: '8月底前', date: '2022-08-31' }],
    ),
    task(['强化就业服务'], '开展职业技能培训。全年培训城乡劳动者5000人次。', { lead: ['市人力资源社会保障局'], responsible: ['市教育局', '市总工会'] }, [], {
      text: '年内',
      date: '2022-12-31',
    }),
    task(['强化就业服务'], '举办线上招聘活动。每月至少举办一场线上招聘会。', {}),
    task(['兜牢民生底线'], '落实失业保险待遇。按时足额发放失业保险金，确保应发尽发。', { lead: ['市医疗保障局'], responsible: ['市人力资源社会保障局'] }, [], {
      text: '持续推进',
      date: null,
    }),
  ],
};

/** The smallest plan with every kind of unit list and deadline: the example tests print it. */
export const DISTRICT_2024: MetaPlan = {
  id: 'district-2024',
  header: { number: '东政发〔2024〕2号', issuer: '东湖区人民政府', date: '2024年1月15日', title: '东湖区人民政府关于印发东湖区2024年营商环境提升方案的通知' },
  tasks: [
    task(['优化政务服务'], '推行一网通办。6月底前实现高频事项网上办理。', { lead: ['区政务服务中心'], responsible: ['区大数据局', '各街道办事处'] }, [
      { text: '6月底前', date: '2024-06-30' },
    ]),
    task(['优化政务服务'], '压缩审批时限。对社会投资项目实行并联审批。', { lead: ['区审批局'] }, [], { text: '9月底前', date: '2024-09-30' }),
    task(['降低企业成本'], '落实减税政策。确保政策应享尽享。', { responsible: ['区税务局', '区财政局'] }, [], { text: '长期坚持', date: null }),
  ],
};

/** Every renderable plan the property tests draw from, besides the seed. */
export const OWN_PLANS: MetaPlan[] = [COUNTY_2023, CITY_2022, DISTRICT_2024];
