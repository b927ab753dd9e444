//! `#[derive(Row)]` for the service's stores: implements `crate::platform::db::Row` for a struct
//! with named fields by reading each field from the column of its name with
//! `crate::platform::db::Column`, in the order the fields are declared.
//!
//! Field attributes:
//! - `#[row(rename = "col")]`: the column has another name than the field;
//! - `#[row(json)]`: the column holds the field as JSON text (an `Option` field is `None` when
//!   the column is NULL).
//!
//! The generated code names `crate::platform::db`, so the derive serves the `enbek` crate only.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, GenericArgument, PathArguments, Type};

#[proc_macro_derive(Row, attributes(row))]
pub fn derive_row(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "#[derive(Row)] needs a struct",
        ));
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "#[derive(Row)] needs named fields",
        ));
    };
    let reads = fields
        .named
        .iter()
        .map(|field| {
            let ident = field.ident.as_ref().expect("named field");
            let options = Options::of(field)?;
            let column = options
                .rename
                .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_string());
            let ty = &field.ty;
            let read = match (options.json, optional(ty)) {
                (false, _) => quote! {
                    <#ty as crate::platform::db::Column>::read(row, #column)?
                },
                (true, Some(inner)) => quote! {
                    <::core::option::Option<crate::platform::db::Json<#inner>>
                        as crate::platform::db::Column>::read(row, #column)?
                        .map(|json| json.0)
                },
                (true, None) => quote! {
                    <crate::platform::db::Json<#ty> as crate::platform::db::Column>::read(row, #column)?.0
                },
            };
            Ok(quote! { #ident: #read })
        })
        .collect::<syn::Result<Vec<_>>>()?;
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics crate::platform::db::Row for #name #ty_generics #where_clause {
            fn from_row(row: &::sqlx::any::AnyRow) -> ::core::result::Result<Self, ::sqlx::Error> {
                ::core::result::Result::Ok(#name { #(#reads,)* })
            }
        }
    })
}

/// What `#[row(...)]` says of a field.
#[derive(Default)]
struct Options {
    json: bool,
    rename: Option<String>,
}

impl Options {
    fn of(field: &syn::Field) -> syn::Result<Options> {
        let mut options = Options::default();
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("row")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("json") {
                    options.json = true;
                    Ok(())
                } else if meta.path.is_ident("rename") {
                    let column: syn::LitStr = meta.value()?.parse()?;
                    options.rename = Some(column.value());
                    Ok(())
                } else {
                    Err(meta.error("expected `json` or `rename = \"column\"`"))
                }
            })?;
        }
        Ok(options)
    }
}

/// `T` when the type is written `Option<T>` (a nullable JSON column).
fn optional(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}
