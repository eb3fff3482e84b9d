with

source as (

    select * from {{ landing_relation('raw_documents') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        sha256,
        nullif(department_name, '') as department_name,
        nullif(region_name, '') as region_name,
        nullif(province, '') as province,
        cast(nullif(fiscal_year, '') as integer) as fiscal_year,
        stage,
        unit,
        cast(line_count as integer) as line_count

    from source

)

select * from renamed
