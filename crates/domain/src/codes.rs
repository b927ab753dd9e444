//! Enumerations written as stable codes (stored, sent in the API, read back): one declaration
//! gives the enum, its list of values, its code and its parsing, so that a code and its reading
//! cannot drift apart.

/// Declares an enum whose every variant has a stable code:
///
/// ```text
/// codes! { as_str;
///     /// Where a notice is delivered.
///     pub enum Channel {
///         Cabinet = "cabinet",
///         Sms = "sms",
///     }
/// }
/// ```
///
/// gives the enum (`Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, and what else it derives),
/// `Channel::ALL` (every value, in the order declared), `Channel::as_str` (the accessor is
/// named first: `as_str` or `code`), `Channel::parse` (the value of a code; none for any other
/// text), and serde's `Serialize` and `Deserialize` as the code, so what is sent, stored and
/// read back is one and the same text.
#[macro_export]
macro_rules! codes {
    ($accessor:ident;
     $(#[$meta:meta])*
     $vis:vis enum $name:ident {
         $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
     }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code of the value.
            pub fn $accessor(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a code; none for any other text.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.$accessor() == s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$accessor())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let code = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::parse(&code).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom(format_args!(
                        "unknown code `{code}`, expected one of {:?}",
                        [$($code),+]
                    ))
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    codes! { code;
        enum Sample {
            /// The first.
            First = "first",
            Second = "second_one",
        }
    }

    #[test]
    fn every_value_reads_back_from_its_code_and_no_other_text_reads() {
        assert_eq!(Sample::ALL, [Sample::First, Sample::Second]);
        for value in Sample::ALL {
            assert_eq!(Sample::parse(value.code()), Some(value));
        }
        assert_eq!(Sample::Second.code(), "second_one");
        assert_eq!(Sample::parse("Second"), None);
        assert_eq!(Sample::parse("second"), None);
        assert_eq!(Sample::parse(""), None);
    }

    #[test]
    fn serde_writes_and_reads_the_code() {
        assert_eq!(
            serde_json::to_string(&Sample::Second).unwrap(),
            "\"second_one\""
        );
        let read: Sample = serde_json::from_str("\"second_one\"").unwrap();
        assert_eq!(read, Sample::Second);
        let wrong = serde_json::from_str::<Sample>("\"Second\"").unwrap_err();
        assert!(
            wrong.to_string().contains("unknown code `Second`"),
            "{wrong}"
        );
    }
}
