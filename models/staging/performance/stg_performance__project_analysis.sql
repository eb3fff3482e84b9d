with

source as (

    select * from {{ ref('raw_project_analysis') }}

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
