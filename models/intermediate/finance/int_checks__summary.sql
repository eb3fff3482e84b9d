-- Identities of the two-sided 收支总表 (summary) and 财政拨款收支总表 (appropriation_summary):
--   本年收入合计 = Σ income lines;  本年支出合计 = Σ function-class lines (per fund column);
--   收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
--   支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (per fund column);
--   年初财政拨款结转和结余 = Σ its lines by fund;  合计 column = Σ fund columns (every line);
--   收入总计 = 支出总计.
with

lines as (

    select * from {{ ref('stg_disclosures__summary_lines') }}
    {{- only_new_documents() }}

),

classified as (

    select
        *,
        case
            when
                side = 'income'
                and line_key in (
                    'general_budget_appropriation',
                    'government_fund_appropriation',
                    'state_capital_appropriation',
                    'superior_subsidy',
                    'business',
                    'operating',
                    'subsidiary_remittance',
                    'other',
                    'fiscal_special_account'
                )
                then 'income_source'
            when side = 'expenditure' and length(line_key) = 3 and line_key between '200' and '299'
                then 'function_class'
            when
                line_key in (
                    'opening_balance_general_budget',
                    'opening_balance_government_fund',
                    'opening_balance_state_capital'
                )
                then 'opening_by_fund'
            else line_key
        end as line_role

    from lines

),

income_total_terms as (

    select
        document_id,
        table_name || '_income_total_equals_sum_of_sources' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        fund as check_key,
        case when line_role = 'income_total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where side = 'income' and line_role in ('income_total', 'income_source')

),

expenditure_total_terms as (

    select
        document_id,
        table_name || '_expenditure_total_equals_sum_of_classes' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        fund as check_key,
        case when line_role = 'expenditure_total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where side = 'expenditure' and line_role in ('expenditure_total', 'function_class')

),

grand_total_terms as (

    select
        document_id,
        table_name || '_' || side || '_grand_total_equals_total_plus_balances' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        fund as check_key,
        case when line_role = 'grand_total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where
        line_role in (
            'grand_total',
            'income_total',
            'expenditure_total',
            'non_fiscal_balance_used',
            'opening_balance',
            'balance_distribution',
            'closing_balance'
        )

),

opening_terms as (

    select
        document_id,
        table_name || '_opening_balance_equals_sum_of_funds' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        fund as check_key,
        case when line_role = 'opening_balance' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where side = 'income' and line_role in ('opening_balance', 'opening_by_fund')

),

fund_column_terms as (

    select
        document_id,
        table_name || '_total_column_equals_sum_of_fund_columns' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        line_key as check_key,
        case when fund = 'total' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where table_name = 'appropriation_summary' and side = 'expenditure'

),

sides_terms as (

    select
        document_id,
        table_name || '_grand_totals_equal_both_sides' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        fund as check_key,
        case when side = 'expenditure' then 'total' else 'part' end as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from classified
    where line_role = 'grand_total' and fund = 'total'

),

terms as (

    select * from income_total_terms
    union all
    select * from expenditure_total_terms
    union all
    select * from grand_total_terms
    union all
    select * from opening_terms
    union all
    select * from fund_column_terms
    union all
    select * from sides_terms

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
