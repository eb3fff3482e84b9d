-- Identities of the 基本支出明细表 by economic code:
--   类 (301) = Σ款 (30101 …), per measure (budgets: 合计 / 人员经费 / 公用经费 columns);
--   人员经费合计 = 工资福利支出 (301) + 对个人和家庭的补助 (303);
--   公用经费合计 = Σ the other classes (302 商品和服务支出, 307, 309, 310, 312, 399 …);
--   budgets: every row's 合计 = 人员经费 + 公用经费, and 合计 = 人员经费合计 + 公用经费合计.
with

amounts as (

    select * from {{ ref('stg_disclosures__economic_amounts') }}
    {{- only_new_documents() }}

),

coded as (

    select
        *,
        case
            when length(economic_code) = 5 and economic_code between '30000' and '39999'
                then substring(economic_code, 1, 3)
        end as parent_code,
        length(economic_code) = 3 and economic_code between '300' and '399' as is_class

    from amounts

),

hierarchy_terms as (

    select
        document_id,
        'economic_class_equals_sum_of_kuan' as rule_id,
        'basic_economic' as table_name,
        economic_code as subject_code,
        measure as check_key,
        'total' as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where is_class

    union all

    select
        document_id,
        'economic_class_equals_sum_of_kuan' as rule_id,
        'basic_economic' as table_name,
        parent_code as subject_code,
        measure as check_key,
        'part' as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where parent_code is not null

),

subtotal_terms as (

    select
        document_id,
        case economic_code
            when 'personnel_total' then 'economic_personnel_total_equals_classes_301_303'
            else 'economic_public_total_equals_other_classes'
        end as rule_id,
        'basic_economic' as table_name,
        cast(null as varchar) as subject_code,
        'amount' as check_key,
        'total' as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where economic_code in ('personnel_total', 'public_total') and measure = 'amount'

    union all

    select
        document_id,
        case
            when economic_code in ('301', '303') then 'economic_personnel_total_equals_classes_301_303'
            else 'economic_public_total_equals_other_classes'
        end as rule_id,
        'basic_economic' as table_name,
        cast(null as varchar) as subject_code,
        'amount' as check_key,
        'part' as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where is_class and measure = 'amount'

),

column_terms as (

    select
        document_id,
        'economic_amount_equals_personnel_plus_public' as rule_id,
        'basic_economic' as table_name,
        economic_code as subject_code,
        'amount' as check_key,
        case when measure = 'amount' then 'total' else 'part' end as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where
        measure in ('amount', 'personnel', 'public')
        and economic_code not in ('total', 'personnel_total', 'public_total')

    union all

    select
        document_id,
        'economic_amount_equals_personnel_plus_public' as rule_id,
        'basic_economic' as table_name,
        'total' as subject_code,
        'amount' as check_key,
        case when economic_code = 'total' then 'total' else 'part' end as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no
    from coded
    where economic_code in ('total', 'personnel_total', 'public_total') and measure = 'amount'

),

terms as (

    select * from hierarchy_terms
    union all
    select * from subtotal_terms
    union all
    select * from column_terms

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
