with

source as (

    select * from {{ landing_relation('raw_performance_statements') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        statement,
        cast(value as integer) as value,
        printed

    from source

)

select * from renamed
