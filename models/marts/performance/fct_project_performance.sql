-- One row per project performance table: budget execution and the self-evaluation result.
-- grade is the one printed in the table (汾阳 layout), else the one the 绩效自评情况汇总表 prints for
-- the same project (grade_source says which); never derived from the score.
with

projects as (

    select * from {{ ref('stg_performance__projects') }}
    {{- only_new_documents() }}

),

dim_project as (

    select * from {{ ref('dim_project') }}
    {{- only_new_documents() }}

),

summary as (

    select * from {{ ref('stg_performance__project_summary') }}
    {{- only_new_documents() }}

),

indicators as (

    select * from {{ ref('stg_performance__kpi_indicators') }}
    {{- only_new_documents() }}

),

summary_by_name as (

    select
        document_id,
        project_name_key,
        min(score) as summary_score,
        min(grade) as summary_grade,
        count(*) as summary_lines

    from summary
    group by document_id, project_name_key

),

indicator_counts as (

    select
        document_id,
        project_line_no,
        sum(case when section = 'indicator' then 1 else 0 end) as indicator_count

    from indicators
    group by document_id, project_line_no

),

final as (

    select
        dim_project.project_key,
        projects.document_id,
        dim_project.project_seq,
        projects.project_name,
        projects.implementing_unit,
        projects.supervising_department,
        projects.table_kind,
        projects.layout,
        projects.budget_declared_wan,
        projects.budget_initial_wan,
        projects.budget_full_year_wan,
        projects.executed_wan,
        projects.balance_wan,
        projects.execution_rate,
        projects.execution_rate_printed,
        projects.budget_weight,
        projects.budget_score,
        projects.total_weight,
        projects.total_score,
        coalesce(projects.grade, case when summary_by_name.summary_lines = 1 then summary_by_name.summary_grade end)
            as grade,
        case
            when projects.grade is not null then 'table'
            when summary_by_name.summary_lines = 1 and summary_by_name.summary_grade is not null then 'summary'
        end as grade_source,
        case when summary_by_name.summary_lines = 1 then summary_by_name.summary_score end as summary_score,
        cast(coalesce(indicator_counts.indicator_count, 0) as integer) as indicator_count,
        projects.goal_text,
        projects.goal_actual_text,
        projects.source_file,
        projects.line_no,
        projects.budget_line_no,
        projects.total_line_no

    from projects
    inner join dim_project
        on
            projects.document_id = dim_project.document_id
            and projects.line_no = dim_project.project_line_no
    left join summary_by_name
        on
            projects.document_id = summary_by_name.document_id
            and projects.project_name_key = summary_by_name.project_name_key
            and projects.table_kind = 'self_evaluation'
    left join indicator_counts
        on
            projects.document_id = indicator_counts.document_id
            and projects.line_no = indicator_counts.project_line_no

)

select * from final
