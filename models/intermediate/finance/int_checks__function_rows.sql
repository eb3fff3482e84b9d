-- Row identities of the function-subject tables, for every subject row (and the 合计 row):
--   收入表: 合计 = Σ sources (budgets: 合计 = 本年收入小计 + 上年结转; 小计 = Σ current-year sources)
--   支出表: 合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助
--   一般公共预算 / 国有资本经营: 合计 = 基本 + 项目;  政府性基金: 本年支出 = 基本 + 项目,
--   and 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出.
with

amounts as (

    select * from {{ ref('stg_disclosures__function_amounts') }}
    {{- only_new_documents() }}

),

row_terms as (

    select
        document_id,
        table_name || '_total_equals_sum_of_columns' as rule_id,
        table_name,
        subject_code,
        'total' as check_key,
        case when measure = 'total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from amounts
    where
        measure not in ('current_year_total', 'opening_balance', 'income', 'closing_balance')

),

current_year_terms as (

    select
        document_id,
        'income_current_year_total_equals_sum_of_sources' as rule_id,
        table_name,
        subject_code,
        'current_year_total' as check_key,
        case when measure = 'current_year_total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from amounts
    where
        table_name = 'income'
        and measure not in ('total', 'prior_year_carryover')

),

fund_balance_terms as (

    select
        document_id,
        'government_fund_balance_rolls_forward' as rule_id,
        table_name,
        subject_code,
        'closing_balance' as check_key,
        case when measure = 'closing_balance' then 'total' else 'part' end as role,
        case when measure = 'total' then -1 else 1 end as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from amounts
    where
        table_name = 'government_fund'
        and measure in ('opening_balance', 'income', 'total', 'closing_balance')

),

terms as (

    select * from row_terms
    union all
    select * from current_year_terms
    union all
    select * from fund_balance_terms

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
