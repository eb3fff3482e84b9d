with

source as (

    select * from {{ landing_relation('raw_project_budget_lines') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        cast(project_line_no as integer) as project_line_no,
        funding_source,
        cast(is_total as boolean) as is_total,
        cast(nullif(declared_wan, '') as decimal(24, 6)) as declared_wan,
        declared_printed,
        cast(nullif(initial_wan, '') as decimal(24, 6)) as initial_wan,
        initial_printed,
        cast(nullif(full_year_wan, '') as decimal(24, 6)) as full_year_wan,
        full_year_printed,
        cast(nullif(executed_wan, '') as decimal(24, 6)) as executed_wan,
        executed_printed,
        cast(nullif(balance_wan, '') as decimal(24, 6)) as balance_wan,
        balance_printed,
        cast(rounding_unit_wan as decimal(24, 6)) as rounding_unit_wan,
        weight_printed,
        execution_rate_printed,
        score_printed,
        deviation_text

    from source

)

select * from renamed
