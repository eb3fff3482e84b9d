with

source as (

    select * from {{ landing_relation('raw_projects') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        table_kind,
        layout,
        title,
        project_name,
        project_name_key,
        cast(project_name_line_no as integer) as project_name_line_no,
        supervising_department,
        supervising_department_code,
        implementing_unit,
        implementing_unit_code,
        contact_phone,
        cast(nullif(budget_line_no, '') as integer) as budget_line_no,
        cast(nullif(budget_declared_wan, '') as decimal(24, 6)) as budget_declared_wan,
        budget_declared_printed,
        cast(budget_declared_rounding_unit_wan as decimal(24, 6)) as budget_declared_rounding_unit_wan,
        cast(nullif(budget_initial_wan, '') as decimal(24, 6)) as budget_initial_wan,
        budget_initial_printed,
        cast(budget_initial_rounding_unit_wan as decimal(24, 6)) as budget_initial_rounding_unit_wan,
        cast(nullif(budget_full_year_wan, '') as decimal(24, 6)) as budget_full_year_wan,
        budget_full_year_printed,
        cast(budget_full_year_rounding_unit_wan as decimal(24, 6)) as budget_full_year_rounding_unit_wan,
        cast(nullif(executed_wan, '') as decimal(24, 6)) as executed_wan,
        executed_printed,
        cast(executed_rounding_unit_wan as decimal(24, 6)) as executed_rounding_unit_wan,
        cast(nullif(balance_wan, '') as decimal(24, 6)) as balance_wan,
        balance_printed,
        cast(balance_rounding_unit_wan as decimal(24, 6)) as balance_rounding_unit_wan,
        cast(nullif(execution_rate, '') as decimal(24, 6)) as execution_rate,
        execution_rate_printed,
        cast(execution_rate_rounding_unit as decimal(24, 6)) as execution_rate_rounding_unit,
        cast(nullif(budget_weight, '') as decimal(24, 6)) as budget_weight,
        budget_weight_printed,
        cast(nullif(budget_score, '') as decimal(24, 6)) as budget_score,
        budget_score_printed,
        cast(budget_score_rounding_unit as decimal(24, 6)) as budget_score_rounding_unit,
        cast(nullif(budget_score_line_no, '') as integer) as budget_score_line_no,
        cast(nullif(total_line_no, '') as integer) as total_line_no,
        cast(nullif(total_weight, '') as decimal(24, 6)) as total_weight,
        total_weight_printed,
        cast(nullif(total_score, '') as decimal(24, 6)) as total_score,
        total_score_printed,
        cast(total_score_rounding_unit as decimal(24, 6)) as total_score_rounding_unit,
        grade,
        grade_printed,
        goal_text,
        goal_actual_text,
        cast(quarantined_line_count as integer) as quarantined_line_count

    from source

)

select * from renamed
