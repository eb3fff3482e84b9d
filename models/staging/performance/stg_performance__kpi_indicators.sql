with

source as (

    select * from {{ landing_relation('raw_kpi_indicators') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        cast(project_line_no as integer) as project_line_no,
        section,
        level1,
        level1_printed,
        level2,
        level2_printed,
        level3,
        description,
        coalesce(target_text, '') as target_text,
        adjusted_target_text,
        actual_text,
        basis_text,
        cast(nullif(weight, '') as decimal(24, 6)) as weight,
        weight_printed,
        cast(weight_rounding_unit as decimal(24, 6)) as weight_rounding_unit,
        cast(nullif(score, '') as decimal(24, 6)) as score,
        score_printed,
        cast(score_rounding_unit as decimal(24, 6)) as score_rounding_unit,
        cast(nullif(deviation_rate, '') as decimal(24, 6)) as deviation_rate,
        deviation_rate_printed,
        deviation_text,
        target_kind,
        target_operator,
        cast(nullif(target_value, '') as decimal(24, 6)) as target_value,
        target_unit,
        cast(nullif(target_value_wan, '') as decimal(24, 6)) as target_value_wan,
        actual_kind,
        actual_operator,
        cast(nullif(actual_value, '') as decimal(24, 6)) as actual_value,
        actual_unit,
        cast(nullif(actual_value_wan, '') as decimal(24, 6)) as actual_value_wan,
        alignment,
        noise_text

    from source

)

select * from renamed
