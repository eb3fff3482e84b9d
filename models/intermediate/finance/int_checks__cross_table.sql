-- The same total printed in two tables (公开01 ↔ 02 ↔ 03, 04 ↔ 05 / 07 / 08, 05 ↔ 06):
--   01 本年收入合计 = 02 合计;  01 本年支出合计 = 03 合计;  01 class line = 03 class row;
--   04 income line 一/二/三 = 01 income line 一/二/三;
--   04 本年支出合计 (一般公共预算 / 政府性基金 / 国有资本经营 column) = 05 / 07 / 08 合计;
--   04 class line (一般公共预算 column) = 05 class row;  05 合计 基本支出 = 06 人员经费合计 + 公用经费合计.
with

summary_lines as (

    select * from {{ ref('stg_disclosures__summary_lines') }}
    {{- only_new_documents() }}

),

function_amounts as (

    select * from {{ ref('stg_disclosures__function_amounts') }}
    {{- only_new_documents() }}

),

economic_amounts as (

    select * from {{ ref('stg_disclosures__economic_amounts') }}
    {{- only_new_documents() }}

),

-- The income table's total for this year: a budget's 收入总表 prints 合计 (including 上年结转) and
-- 本年收入 小计 (current_year_total); the summary's 本年收入合计 is the latter.
income_current_year as (

    select document_id
    from function_amounts
    where table_name = 'income' and subject_code = 'total' and measure = 'current_year_total'

),

income_table_totals as (

    select function_amounts.*
    from function_amounts
    left join income_current_year
        on function_amounts.document_id = income_current_year.document_id
    where
        function_amounts.table_name = 'income'
        and function_amounts.subject_code = 'total'
        and (
            (income_current_year.document_id is null and function_amounts.measure = 'total')
            or (income_current_year.document_id is not null and function_amounts.measure = 'current_year_total')
        )

),

-- (rule, the summary line checked, the table row it must equal)
pairs as (

    select
        s.document_id,
        'summary_income_total_equals_income_table_total' as rule_id,
        'summary' as table_name,
        cast(null as varchar) as subject_code,
        'total' as check_key,
        s.table_name as total_family,
        s.amount_wan as total_amount,
        s.rounding_unit_wan as total_unit,
        s.line_no as total_line,
        f.table_name as part_family,
        f.amount_wan as part_amount,
        f.rounding_unit_wan as part_unit,
        f.line_no as part_line

    from summary_lines as s
    inner join income_table_totals as f
        on s.document_id = f.document_id
    where s.table_name = 'summary' and s.line_key = 'income_total'

    union all

    select
        s.document_id,
        'summary_expenditure_total_equals_expenditure_table_total' as rule_id,
        'summary' as table_name,
        cast(null as varchar) as subject_code,
        'total' as check_key,
        s.table_name as total_family,
        s.amount_wan as total_amount,
        s.rounding_unit_wan as total_unit,
        s.line_no as total_line,
        f.table_name as part_family,
        f.amount_wan as part_amount,
        f.rounding_unit_wan as part_unit,
        f.line_no as part_line

    from summary_lines as s
    inner join function_amounts as f
        on
            s.document_id = f.document_id
            and f.table_name = 'expenditure'
            and f.subject_code = 'total'
            and f.measure = 'total'
    where s.table_name = 'summary' and s.line_key = 'expenditure_total'

    union all

    select
        s.document_id,
        'summary_class_line_equals_expenditure_table_class' as rule_id,
        'summary' as table_name,
        s.line_key as subject_code,
        'total' as check_key,
        s.table_name as total_family,
        s.amount_wan as total_amount,
        s.rounding_unit_wan as total_unit,
        s.line_no as total_line,
        f.table_name as part_family,
        f.amount_wan as part_amount,
        f.rounding_unit_wan as part_unit,
        f.line_no as part_line

    from summary_lines as s
    inner join function_amounts as f
        on
            s.document_id = f.document_id
            and f.table_name = 'expenditure'
            and s.line_key = f.subject_code
            and f.measure = 'total'
    where s.table_name = 'summary' and s.side = 'expenditure' and s.fund = 'total'

    union all

    select
        a.document_id,
        'appropriation_summary_income_line_equals_summary' as rule_id,
        'appropriation_summary' as table_name,
        cast(null as varchar) as subject_code,
        a.line_key as check_key,
        a.table_name as total_family,
        a.amount_wan as total_amount,
        a.rounding_unit_wan as total_unit,
        a.line_no as total_line,
        s.table_name as part_family,
        s.amount_wan as part_amount,
        s.rounding_unit_wan as part_unit,
        s.line_no as part_line

    from summary_lines as a
    inner join summary_lines as s
        on
            a.document_id = s.document_id
            and s.table_name = 'summary'
            and s.side = 'income'
            and a.line_key = s.line_key
    where
        a.table_name = 'appropriation_summary'
        and a.side = 'income'
        and a.line_key in (
            'general_budget_appropriation',
            'government_fund_appropriation',
            'state_capital_appropriation'
        )

    union all

    select
        a.document_id,
        'appropriation_summary_fund_total_equals_fund_table_total' as rule_id,
        'appropriation_summary' as table_name,
        cast(null as varchar) as subject_code,
        a.fund as check_key,
        a.table_name as total_family,
        a.amount_wan as total_amount,
        a.rounding_unit_wan as total_unit,
        a.line_no as total_line,
        f.table_name as part_family,
        f.amount_wan as part_amount,
        f.rounding_unit_wan as part_unit,
        f.line_no as part_line

    from summary_lines as a
    inner join function_amounts as f
        on
            a.document_id = f.document_id
            and f.subject_code = 'total'
            and f.measure = 'total'
            and f.table_name = case a.fund
                when 'general_budget' then 'general_budget_expenditure'
                when 'government_fund' then 'government_fund'
                when 'state_capital' then 'state_capital'
            end
    where a.table_name = 'appropriation_summary' and a.line_key = 'expenditure_total'

    union all

    select
        a.document_id,
        'appropriation_summary_class_line_equals_general_budget_class' as rule_id,
        'appropriation_summary' as table_name,
        a.line_key as subject_code,
        a.fund as check_key,
        a.table_name as total_family,
        a.amount_wan as total_amount,
        a.rounding_unit_wan as total_unit,
        a.line_no as total_line,
        f.table_name as part_family,
        f.amount_wan as part_amount,
        f.rounding_unit_wan as part_unit,
        f.line_no as part_line

    from summary_lines as a
    inner join function_amounts as f
        on
            a.document_id = f.document_id
            and f.table_name = 'general_budget_expenditure'
            and a.line_key = f.subject_code
            and f.measure = 'total'
    where
        a.table_name = 'appropriation_summary'
        and a.side = 'expenditure'
        and a.fund = 'general_budget'

),

pair_terms as (

    select
        document_id,
        rule_id,
        table_name,
        subject_code,
        check_key,
        'total' as role,
        1 as sign,
        total_family as term_family,
        total_amount as amount_wan,
        total_unit as rounding_unit_wan,
        total_line as line_no
    from pairs

    union all

    select
        document_id,
        rule_id,
        table_name,
        subject_code,
        check_key,
        'part' as role,
        1 as sign,
        part_family as term_family,
        part_amount as amount_wan,
        part_unit as rounding_unit_wan,
        part_line as line_no
    from pairs

),

basic_terms as (

    select
        document_id,
        'general_budget_basic_equals_personnel_plus_public' as rule_id,
        table_name,
        cast(null as varchar) as subject_code,
        'basic' as check_key,
        'total' as role,
        1 as sign,
        table_name as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from function_amounts
    where table_name = 'general_budget_expenditure' and subject_code = 'total' and measure = 'basic'

    union all

    select
        document_id,
        'general_budget_basic_equals_personnel_plus_public' as rule_id,
        'general_budget_expenditure' as table_name,
        cast(null as varchar) as subject_code,
        'basic' as check_key,
        'part' as role,
        1 as sign,
        'basic_economic' as term_family,
        amount_wan,
        rounding_unit_wan,
        line_no

    from economic_amounts
    where economic_code in ('personnel_total', 'public_total') and measure = 'amount'

),

terms as (

    select * from pair_terms
    union all
    select * from basic_terms

),

checks as (

    {{ identity_checks('terms') }}

),

final as (

    {{ flag_breaks('checks') }}

)

select * from final
