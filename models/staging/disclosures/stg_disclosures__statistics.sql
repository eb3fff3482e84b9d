with

source as (

    select * from {{ landing_relation('raw_statistics') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        section,
        item_key,
        item_name,
        nullif(row_number, '') as row_number,
        cast(nullif(value, '') as decimal(24, 6)) as statistic_value,
        value_printed,
        value_unit,
        cast(rounding_unit as decimal(24, 6)) as rounding_unit

    from source

)

select * from renamed
