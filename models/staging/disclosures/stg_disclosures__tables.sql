with

source as (

    select * from {{ landing_relation('raw_tables') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(title_line as integer) as title_line,
        cast(last_line as integer) as last_line,
        family,
        nullif(table_code, '') as table_code,
        title,
        unit,
        cast(declared_empty as boolean) as is_declared_empty,
        cast(row_count as integer) as row_count,
        cast(quarantined_count as integer) as quarantined_count

    from source

)

select * from renamed
