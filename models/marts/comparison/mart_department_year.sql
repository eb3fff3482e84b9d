-- One row per document, for cross-region comparison. Totals come from the 收支总表 (本年收入合计 /
-- 本年支出合计); where the summary prints that cell empty, the 收入表 / 支出表 合计 row is used.
with

documents as (

    select * from {{ ref('dim_document') }}
    {{- only_new_documents() }}

),

summary_lines as (

    select * from {{ ref('fct_summary_line') }}
    {{- only_new_documents() }}

),

function_amounts as (

    select * from {{ ref('fct_function_amount') }}
    {{- only_new_documents() }}

),

economic_amounts as (

    select * from {{ ref('fct_economic_amount') }}
    {{- only_new_documents() }}

),

three_public as (

    select * from {{ ref('fct_three_public') }}
    {{- only_new_documents() }}

),

projects as (

    select * from {{ ref('fct_project_performance') }}
    {{- only_new_documents() }}

),

summary_totals as (

    select
        document_id,
        max(case when side = 'income' and line_key = 'income_total' then amount_wan end) as income_total_wan,
        max(case when side = 'expenditure' and line_key = 'expenditure_total' then amount_wan end)
            as expenditure_total_wan

    from summary_lines
    where table_name = 'summary' and fund = 'total'
    group by document_id

),

table_totals as (

    select
        document_id,
        max(case when table_name = 'income' and measure = 'total' then amount_wan end) as income_total_wan,
        max(case when table_name = 'expenditure' and measure = 'total' then amount_wan end)
            as expenditure_total_wan,
        max(case when table_name = 'expenditure' and measure = 'basic' then amount_wan end) as basic_wan,
        max(case when table_name = 'expenditure' and measure = 'project' then amount_wan end) as project_wan

    from function_amounts
    where subject_code = 'total'
    group by document_id

),

economic_totals as (

    select
        document_id,
        max(case when economic_code = 'personnel_total' then amount_wan end) as personnel_wan,
        max(case when economic_code = 'public_total' then amount_wan end) as public_wan

    from economic_amounts
    group by document_id

),

three_public_totals as (

    select
        document_id,
        actual_wan as three_public_actual_wan

    from three_public
    where item = 'total'

),

project_totals as (

    select
        document_id,
        count(*) as project_count,
        avg(total_score) as avg_project_score

    from projects
    group by document_id

),

final as (

    select
        documents.document_id,
        documents.department_name,
        documents.region_name,
        documents.province,
        documents.fiscal_year,
        documents.stage,
        coalesce(summary_totals.income_total_wan, table_totals.income_total_wan) as total_income_wan,
        coalesce(summary_totals.expenditure_total_wan, table_totals.expenditure_total_wan)
            as total_expenditure_wan,
        table_totals.basic_wan as basic_expenditure_wan,
        table_totals.project_wan as project_expenditure_wan,
        economic_totals.personnel_wan,
        economic_totals.public_wan,
        three_public_totals.three_public_actual_wan,
        cast(coalesce(project_totals.project_count, 0) as integer) as project_count,
        cast(project_totals.avg_project_score as decimal(24, 6)) as avg_project_score

    from documents
    left join summary_totals on documents.document_id = summary_totals.document_id
    left join table_totals on documents.document_id = table_totals.document_id
    left join economic_totals on documents.document_id = economic_totals.document_id
    left join three_public_totals on documents.document_id = three_public_totals.document_id
    left join project_totals on documents.document_id = project_totals.document_id

)

select * from final
