//! Printing the plan: `mod.rs` with the tool's `static APP`, and one file
//! per group with its commands as a `const` table. Cannot fail but for an
//! internal error (tokens that do not parse).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::plan::{ArgPlan, CliPlan, CommandPlan, GroupPlan, Kind};
use crate::Result;
use crate::backend::OutputFile;
use crate::backend::rust::files::format_file;

/// The runtime crate, as generated code names it.
fn cli() -> TokenStream {
    quote!(rest_cli_runtime)
}

/// The SDK's client type.
fn client(sdk: &str) -> TokenStream {
    let sdk = format_ident!("{}", sdk);
    quote!(#sdk::Client)
}

/// Every file, `mod.rs` first.
pub fn render(plan: &CliPlan, sdk: &str) -> Result<Vec<OutputFile>> {
    let mut files = vec![mod_rs(plan, sdk)?];
    for group in &plan.groups {
        let path = format!("{}.rs", group.module);
        let contents = format_file(&path, group_file(group, sdk))?;
        files.push(OutputFile { path, contents });
    }
    Ok(files)
}

fn mod_rs(plan: &CliPlan, sdk: &str) -> Result<OutputFile> {
    let cli = cli();
    let client = client(sdk);
    let doc = format!(
        " The commands of `{}`, generated from the description of the {}.",
        plan.bin, plan.rust.client.title
    );
    let modules = plan.groups.iter().map(|g| {
        let m = g.ident.ident();
        quote!(mod #m;)
    });
    let groups = plan.groups.iter().map(|g| {
        let m = g.ident.ident();
        let name = &g.name;
        let about = &g.about;
        quote! {
            #cli::Group { name: #name, about: #about, commands: #m::COMMANDS }
        }
    });
    let (bin, about, prefix) = (&plan.bin, &plan.about, &plan.env_prefix);
    let tokens = quote! {
        #![doc = #doc]
        #(#modules)*

        /// The tool: its groups of commands.
        pub(crate) static APP: #cli::App<#client> = #cli::App {
            name: #bin,
            about: #about,
            version: env!("CARGO_PKG_VERSION"),
            env_prefix: #prefix,
            groups: &[#(#groups),*],
        };
    };
    let path = "mod.rs".to_string();
    let contents = format_file(&path, tokens)?;
    Ok(OutputFile { path, contents })
}

fn group_file(group: &GroupPlan, sdk: &str) -> TokenStream {
    let cli = cli();
    let client = client(sdk);
    let doc = format!(" The commands of the `{}` group.", group.name);
    let commands = group.commands.iter().map(command);
    let has_args = group.commands.iter().any(|c| !c.args.is_empty());
    let imports = if has_args {
        quote!(use #cli::{Arg, Command, Kind, Shape};)
    } else {
        quote!(use #cli::Command;)
    };
    quote! {
        #![doc = #doc]
        #imports
        use #client;

        /// One command per operation of the group.
        pub(super) const COMMANDS: &[Command<Client>] = &[#(#commands),*];
    }
}

fn command(c: &CommandPlan) -> TokenStream {
    let name = &c.name;
    let operation = &c.op.op.name;
    let about = &c.about;
    let long_about = &c.long_about;
    let args = c.args.iter().map(arg);
    let paginated = c.paginated;
    let method = c.op.method.ident();
    let run = if paginated {
        quote!(|r| r.list(Client::#method))
    } else {
        quote!(|r| r.call(Client::#method))
    };
    quote! {
        Command {
            name: #name,
            operation: #operation,
            about: #about,
            long_about: #long_about,
            args: &[#(#args),*],
            paginated: #paginated,
            run: #run,
        }
    }
}

fn arg(a: &ArgPlan) -> TokenStream {
    let name = &a.name;
    let path = &a.path;
    let kind_variant = format_ident!("{}", a.kind.variant());
    let kind = match &a.kind {
        Kind::Enum(values) => quote!(Kind::#kind_variant(&[#(#values),*])),
        _ => quote!(Kind::#kind_variant),
    };
    let shape = format_ident!("{}", a.shape.variant());
    let positional = a.positional;
    let help = &a.help;
    let oneof = match &a.oneof {
        Some(o) => quote!(Some(#o)),
        None => quote!(None),
    };
    quote! {
        Arg {
            name: #name,
            path: &[#(#path),*],
            kind: #kind,
            shape: Shape::#shape,
            positional: #positional,
            help: #help,
            oneof: #oneof,
        }
    }
}
