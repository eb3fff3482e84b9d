with

source as (

    select * from {{ landing_relation('raw_project_analysis') }}
    {{- loaded_documents() }}

),

renamed as (

    select
        document_id,
        source_file,
        cast(line_no as integer) as line_no,
        cast(project_line_no as integer) as project_line_no,
        section,
        topic,
        coalesce(text, '') as text

    from source

)

select * from renamed
