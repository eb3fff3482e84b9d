with

source as (

    select * from {{ landing_relation('raw_project_summary') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        cast(summary_line_no as integer) as summary_line_no,
        section,
        seq_printed,
        project_name,
        project_name_key,
        using_unit,
        cast(nullif(score, '') as decimal(24, 6)) as score,
        score_printed,
        cast(score_rounding_unit as decimal(24, 6)) as score_rounding_unit,
        grade,
        grade_printed

    from source

)

select * from renamed
